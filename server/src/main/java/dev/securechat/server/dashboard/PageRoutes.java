package dev.securechat.server.dashboard;

import dev.securechat.server.status.StatusManager;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The three pages. Each is a static shell with the CSRF token and a few labels filled in; the
 * figures arrive by script from the JSON API and the live feed.
 */
final class PageRoutes {
  private final Templates templates;
  private final StatusManager status;
  private final String uplotVersion;

  PageRoutes(Templates templates, StatusManager status, String uplotVersion) {
    this.templates = templates;
    this.status = status;
    this.uplotVersion = uplotVersion;
  }

  void register(Javalin app) {
    app.get("/", ctx -> page(ctx, "overview", "Overview"), Access.ADMIN);
    app.get("/clients", ctx -> page(ctx, "clients", "Clients"), Access.ADMIN);
    app.get("/audit", ctx -> page(ctx, "audit", "Audit"), Access.ADMIN);
  }

  private void page(Context ctx, String name, String title) {
    AdminSession session = AccessFilter.session(ctx);
    ctx.html(
        templates.page(
            name + ".html",
            Map.of(
                "title",
                title,
                "page",
                name,
                "csrf",
                session.csrfToken(),
                "node",
                status.node(),
                "version",
                status.version(),
                "uplot",
                uplotVersion)));
  }
}
