package dev.securechat.server.dashboard;

import io.javalin.http.Context;

/**
 * Headers on every response. The policy allows scripts, styles and connections to this origin only,
 * so an injected tag could neither load code from elsewhere nor send data away, and no other site
 * may frame the dashboard.
 */
final class SecurityHeaders {
  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
  }
}
