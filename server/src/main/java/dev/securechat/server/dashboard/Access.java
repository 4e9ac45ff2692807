package dev.securechat.server.dashboard;

import io.javalin.security.RouteRole;

/**
 * Who may call a route. Every route names one; anything not marked {@link #PUBLIC} needs an admin
 * session, so a route added without thinking about access is closed, not open.
 */
enum Access implements RouteRole {
  /** Load balancers, Prometheus, the login page and static assets. */
  PUBLIC,
  /** Pages, {@code /api/*} and admin actions. */
  ADMIN
}
