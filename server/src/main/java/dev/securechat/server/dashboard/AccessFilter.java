package dev.securechat.server.dashboard;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/**
 * Runs before every matched route: lets {@link Access#PUBLIC} routes through, and otherwise
 * requires a live admin session (401 JSON for {@code /api/*}, a redirect to the login page for
 * pages) plus a valid CSRF token on anything but GET.
 */
final class AccessFilter {
  private static final String SESSION = AccessFilter.class.getName() + ".session";

  private final AdminSessions sessions;
  private final SessionCookie cookie;

  AccessFilter(AdminSessions sessions, SessionCookie cookie) {
    this.sessions = sessions;
    this.cookie = cookie;
  }

  void check(Context ctx) {
    if (ctx.routeRoles().contains(Access.PUBLIC)) {
      return;
    }
    Optional<AdminSession> session = sessions.find(ctx.cookie(cookie.name()));
    if (session.isEmpty()) {
      refuse(ctx, HttpStatus.UNAUTHORIZED, "login required");
      return;
    }
    if (ctx.method() != HandlerType.GET && !Csrf.valid(ctx, session.get())) {
      refuse(ctx, HttpStatus.FORBIDDEN, "missing or wrong CSRF token");
      return;
    }
    ctx.attribute(SESSION, session.get());
    // Pages and API answers show live, user-related data: no browser or proxy may keep a copy.
    ctx.header("Cache-Control", "no-store");
  }

  /** The session {@link #check} found; present on every non-public route. */
  static AdminSession session(Context ctx) {
    AdminSession session = ctx.attribute(SESSION);
    if (session == null) {
      throw new IllegalStateException("no admin session on " + ctx.path());
    }
    return session;
  }

  private static void refuse(Context ctx, HttpStatus status, String why) {
    ctx.skipRemainingHandlers();
    if (ctx.path().startsWith("/api/") || ctx.method() != HandlerType.GET) {
      ctx.status(status).json(Map.of("error", why));
    } else {
      ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }
  }
}
