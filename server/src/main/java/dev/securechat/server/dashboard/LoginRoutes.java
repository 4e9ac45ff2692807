package dev.securechat.server.dashboard;

import dev.securechat.server.auth.AdminAuthenticator;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** {@code /login} and {@code /logout}. */
final class LoginRoutes {
  private final AdminAuthenticator admin;
  private final AdminSessions sessions;
  private final SessionCookie cookie;
  private final Templates templates;

  LoginRoutes(
      AdminAuthenticator admin, AdminSessions sessions, SessionCookie cookie, Templates templates) {
    this.admin = admin;
    this.sessions = sessions;
    this.cookie = cookie;
    this.templates = templates;
  }

  void register(Javalin app) {
    app.get("/login", ctx -> loginPage(ctx, HttpStatus.OK, ""), Access.PUBLIC);
    app.post("/login", this::login, Access.PUBLIC);
    app.post("/logout", this::logout, Access.ADMIN);
  }

  private void loginPage(Context ctx, HttpStatus status, String message) {
    ctx.status(status).html(templates.standalone("login.html", Map.of("message", message)));
  }

  private void login(Context ctx) {
    String password = ctx.formParam("password");
    var outcome = admin.attempt(password == null ? "" : password, ctx.ip());
    switch (outcome) {
      case AdminAuthenticator.Outcome.Accepted a -> {
        AdminSession session = sessions.create(ctx.ip());
        ctx.res().addHeader("Set-Cookie", cookie.issue(session.token()));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
      }
      case AdminAuthenticator.Outcome.Refused r ->
          loginPage(ctx, HttpStatus.UNAUTHORIZED, "Wrong password.");
      case AdminAuthenticator.Outcome.LockedOut l -> {
        long seconds = Math.max(1, (l.retryAfter().toMillis() + 999) / 1000);
        ctx.header("Retry-After", Long.toString(seconds));
        loginPage(
            ctx,
            HttpStatus.TOO_MANY_REQUESTS,
            "Too many failed logins. Try again in " + seconds + " s.");
      }
      case AdminAuthenticator.Outcome.Busy b -> {
        ctx.header("Retry-After", "1");
        loginPage(ctx, HttpStatus.SERVICE_UNAVAILABLE, "The server is busy. Try again.");
      }
    }
  }

  private void logout(Context ctx) {
    sessions.end(AccessFilter.session(ctx));
    ctx.res().addHeader("Set-Cookie", cookie.clear());
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }
}
