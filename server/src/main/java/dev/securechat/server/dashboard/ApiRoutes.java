package dev.securechat.server.dashboard;

import dev.securechat.server.status.StatusManager;
import dev.securechat.server.status.StatusSampler;
import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.AuditLog;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.json.JsonMapper;

/** The read-only JSON API under {@code /api}, and the live feed. */
final class ApiRoutes {
  static final int MAX_AUDIT_PAGE = 200;
  static final int DEFAULT_AUDIT_PAGE = 50;

  private final StatusManager status;
  private final StatusSampler sampler;
  private final Accounts accounts;
  private final AuditLog audit;
  private final LiveFeed feed;
  private final JsonMapper json;

  ApiRoutes(
      StatusManager status,
      StatusSampler sampler,
      Accounts accounts,
      AuditLog audit,
      LiveFeed feed,
      JsonMapper json) {
    this.status = status;
    this.sampler = sampler;
    this.accounts = accounts;
    this.audit = audit;
    this.feed = feed;
    this.json = json;
  }

  void register(Javalin app) {
    app.get("/api/status", ctx -> ctx.json(currentStatus()), Access.ADMIN);
    app.get(
        "/api/clients",
        ctx -> ctx.json(status.clients().stream().map(Views.Client::of).toList()),
        Access.ADMIN);
    app.get("/api/history", ctx -> ctx.json(Views.History.of(sampler.history())), Access.ADMIN);
    app.get("/api/audit", this::auditPage, Access.ADMIN);
    app.get("/api/accounts/locked", ctx -> ctx.json(accounts.lockedUsernames()), Access.ADMIN);
    app.sse(
        "/api/live",
        client -> feed.subscribe(client, AccessFilter.session(client.ctx()), this::statusJson),
        Access.ADMIN);
    sampler.onSample(sample -> feed.publish(toJson(Views.Status.of(status, sample))));
  }

  Views.Status currentStatus() {
    return Views.Status.of(status, sampler.latest());
  }

  private String statusJson() {
    return toJson(currentStatus());
  }

  private String toJson(Object value) {
    return json.toJsonString(value, value.getClass());
  }

  private void auditPage(Context ctx) {
    int page = intParam(ctx, "page", 0, 0, 1_000_000);
    int size = intParam(ctx, "size", DEFAULT_AUDIT_PAGE, 1, MAX_AUDIT_PAGE);
    // One more than asked for tells whether there is a next page without a COUNT(*).
    var events = audit.newestFirst(Math.multiplyExact(page, size), size + 1);
    boolean hasMore = events.size() > size;
    var shown = events.stream().limit(size).map(Views.Event::of).toList();
    ctx.json(new Views.AuditPage(page, size, hasMore, shown));
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw new BadRequestResponse(name + " must be from " + min + " to " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadRequestResponse(name + " must be a whole number");
    }
  }
}
