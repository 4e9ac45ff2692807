package dev.securechat.server.dashboard;

import dev.securechat.server.status.ClusterSnapshot;
import dev.securechat.server.status.StatusManager;
import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.StorageHealth;
import dev.securechat.server.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /health} for load balancers and {@code /metrics} for Prometheus: no login, since the
 * machines that call them have no session, and neither shows a user's name or address.
 */
final class OpsRoutes {
  private static final Logger log = LoggerFactory.getLogger(OpsRoutes.class);
  static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPEN_METRICS = "application/openmetrics-text";

  private final StatusManager status;
  private final Accounts accounts;
  private final PrometheusMeterRegistry meters;

  OpsRoutes(StatusManager status, Accounts accounts, PrometheusMeterRegistry meters) {
    this.status = status;
    this.accounts = accounts;
    this.meters = meters;
  }

  void register(Javalin app) {
    app.get("/health", this::health, Access.PUBLIC);
    // Some load balancers probe with HEAD; the roles are per method, so it needs its own route.
    app.head("/health", this::health, Access.PUBLIC);
    app.get("/metrics", this::metrics, Access.PUBLIC);
  }

  /**
   * 200 {@code UP} while the server runs, its database answers and its storage takes writes; 503
   * {@code DEGRADED} while writes fail (reads, and so deliveries of what is stored, still work);
   * 503 {@code DOWN} when the database does not answer, and while stopping.
   */
  private void health(Context ctx) {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("server", status.state());
    checks.put("database", databaseState());
    // Shown, never decisive: a node without Redis still serves (it polls the store), and a Redis
    // outage must not make the load balancer drain every node at once.
    checks.put("redis", redisState());
    Optional<StorageHealth.Outage> outage = status.storage().outage();
    checks.put("storage", outage.isEmpty() ? "writable" : "failing");
    boolean down = status.isStopping() || !"up".equals(checks.get("database"));
    String state = down ? "DOWN" : outage.isPresent() ? "DEGRADED" : "UP";
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", state);
    body.put("node", status.node());
    body.put("version", status.version());
    body.put("checks", checks);
    outage.ifPresent(o -> body.put("storage", Views.StorageState.of(status.storage())));
    ctx.header("Cache-Control", "no-store");
    ctx.status("UP".equals(state) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }

  private String databaseState() {
    try {
      accounts.count();
      return "up";
    } catch (StoreException e) {
      log.warn("Health check: the database does not answer", e);
      return "down";
    }
  }

  private String redisState() {
    ClusterSnapshot cluster = status.cluster();
    if (!cluster.enabled()) {
      return "off";
    }
    return cluster.redisConnected() ? "up" : "down";
  }

  /** The Prometheus text format, or OpenMetrics when the scraper asks for it. */
  private void metrics(Context ctx) {
    String accept = ctx.header("Accept");
    String contentType =
        accept != null && accept.contains(OPEN_METRICS)
            ? OPEN_METRICS + "; version=1.0.0; charset=utf-8"
            : TEXT_FORMAT;
    String body = meters.scrape(contentType);
    ctx.header("Cache-Control", "no-store");
    ctx.contentType(contentType).result(body);
  }
}
