package dev.securechat.server.dashboard;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The admin actions, POST only: the access filter has already checked the session and the CSRF
 * token by the time a handler runs.
 */
final class ActionRoutes {
  private final AdminActions actions;

  ActionRoutes(AdminActions actions) {
    this.actions = actions;
  }

  void register(Javalin app) {
    app.post(
        "/api/sessions/{username}/disconnect",
        ctx -> answer(ctx, "disconnect", actions.disconnect(user(ctx), admin(ctx))),
        Access.ADMIN);
    app.post(
        "/api/accounts/{username}/lock",
        ctx -> answer(ctx, "lock", actions.lock(user(ctx), admin(ctx))),
        Access.ADMIN);
    app.post(
        "/api/accounts/{username}/unlock",
        ctx -> answer(ctx, "unlock", actions.unlock(user(ctx), admin(ctx))),
        Access.ADMIN);
  }

  private static String user(Context ctx) {
    return ctx.pathParam("username");
  }

  /** The address the request came from, for the audit trail. */
  private static String admin(Context ctx) {
    return ctx.ip();
  }

  private static void answer(Context ctx, String action, AdminActions.Outcome outcome) {
    boolean done = outcome == AdminActions.Outcome.DONE;
    String message =
        done
            ? action + " done"
            : "disconnect".equals(action)
                ? "no such user is connected to this node"
                : "no such account";
    ctx.status(done ? HttpStatus.OK : HttpStatus.NOT_FOUND)
        .json(new Views.ActionResult(action, user(ctx), done, message));
  }
}
