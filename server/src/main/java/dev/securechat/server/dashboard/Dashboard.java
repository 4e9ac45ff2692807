package dev.securechat.server.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securechat.server.auth.AdminAuthenticator;
import dev.securechat.server.config.DashboardSettings;
import dev.securechat.server.store.StorageProblem;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring web server: pages, JSON API, live feed, {@code /health} and {@code /metrics}, on
 * the {@code [Dashboard]} host and port, over TLS with the chat server's certificate when asked. It
 * starts and stops with the chat server; port 0 binds an ephemeral port, which {@link #address()}
 * reports.
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
  private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

  /** Few admins, short requests: a small pool; streams of the live feed hold no thread. */
  private static final int MAX_THREADS = 24;

  private static final int IDLE_TIMEOUT_MS = 30_000;

  private final Javalin app;
  private final LiveFeed feed;
  private final AdminAuthenticator admin;
  private final InetSocketAddress address;
  private final boolean tls;

  private Dashboard(Javalin app, LiveFeed feed, AdminAuthenticator admin, boolean tls) {
    this.app = app;
    this.feed = feed;
    this.admin = admin;
    this.tls = tls;
    this.address = boundAddress(app);
  }

  /** Binds and starts serving; throws if the port is taken or the password file is unusable. */
  public static Dashboard start(DashboardSettings settings, DashboardServices s) throws Exception {
    AdminAuthenticator admin =
        new AdminAuthenticator(
            AdminPassword.hash(
                settings.adminPassword(), s.dataDir(), s.auth(), s.random(), s.console()),
            s.auth(),
            s.audit(),
            s.clock(),
            s.random());
    SslContextFactory.Server ssl =
        settings.tls() ? DashboardTls.contextFactory(s.identity(), s.random()) : null;
    AdminSessions sessions = new AdminSessions(s.clock(), s.random());
    SessionCookie cookie = new SessionCookie(settings.tls());
    LiveFeed feed = new LiveFeed(sessions);
    JavalinJackson json = new JavalinJackson(new ObjectMapper(), false);
    Templates templates = new Templates();

    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.jsonMapper(json);
              config.jetty.threadPool = threadPool();
              config.jetty.addConnector((server, http) -> connector(server, http, settings, ssl));
              config.jetty.modifyServletContextHandler(
                  handler ->
                      handler.addFilter(
                          new FilterHolder(new PathGuard()),
                          "/*",
                          EnumSet.of(DispatcherType.REQUEST)));
              config.staticFiles.add(
                  sf -> {
                    sf.hostedPath = "/assets";
                    sf.directory = "/dashboard/assets";
                    sf.location = Location.CLASSPATH;
                    sf.roles = Set.of(Access.PUBLIC);
                    sf.headers = Map.of("Cache-Control", "no-cache");
                  });
              // WebJars have the version in their path, so browsers may keep them for good.
              config.staticFiles.add(
                  sf -> {
                    sf.hostedPath = "/webjars";
                    sf.directory = "/META-INF/resources/webjars";
                    sf.location = Location.CLASSPATH;
                    sf.roles = Set.of(Access.PUBLIC);
                    sf.headers = Map.of("Cache-Control", "max-age=31536000, immutable");
                  });
            });
    app.before(SecurityHeaders::apply);
    app.beforeMatched(new AccessFilter(sessions, cookie)::check);
    new LoginRoutes(admin, sessions, cookie, templates).register(app);
    new PageRoutes(templates, s.status(), uplotVersion()).register(app);
    new ApiRoutes(s.status(), s.sampler(), s.accounts(), s.audit(), feed, json).register(app);
    new ActionRoutes(new AdminActions(s.sessions(), s.accounts(), s.audit())).register(app);
    new OpsRoutes(s.status(), s.accounts(), s.meters()).register(app);
    app.exception(
        Exception.class,
        (e, ctx) -> {
          if (StorageProblem.isStorageFailure(e)) {
            // Counted and logged once per outage by the store's health, not once per request.
            log.debug("Dashboard request {} {} failed: storage", ctx.method(), ctx.path(), e);
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                .json(Map.of("error", "storage unavailable; try again later"));
            return;
          }
          log.error("Dashboard request {} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal error"));
        });
    try {
      app.start();
    } catch (RuntimeException e) {
      feed.close();
      throw e;
    }
    Dashboard dashboard = new Dashboard(app, feed, admin, settings.tls());
    log.info("Dashboard on {}", dashboard.uri());
    return dashboard;
  }

  private static QueuedThreadPool threadPool() {
    QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2, 60_000);
    pool.setName("dashboard");
    return pool;
  }

  private static Connector connector(
      Server server,
      HttpConfiguration http,
      DashboardSettings settings,
      SslContextFactory.Server ssl) {
    ServerConnector connector;
    if (ssl == null) {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    } else {
      HttpConfiguration https = new HttpConfiguration(http);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // Reached as localhost or by address, the certificate need not name the host asked for.
      secure.setSniHostCheck(false);
      https.addCustomizer(secure);
      connector = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
    }
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(IDLE_TIMEOUT_MS);
    return connector;
  }

  private static InetSocketAddress boundAddress(Javalin app) {
    ServerConnector connector = (ServerConnector) app.jettyServer().server().getConnectors()[0];
    try {
      return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("the dashboard's listening socket has no address", e);
    }
  }

  /** The uPlot version the pages load, from the WebJar itself, so there is one pin: the POM's. */
  private static String uplotVersion() throws IOException {
    try (InputStream in = Dashboard.class.getResourceAsStream(UPLOT_POM)) {
      if (in == null) {
        throw new IllegalStateException("the uPlot WebJar is missing from the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    }
  }

  /** The address the dashboard listens on; with port 0 in the config, the port it was given. */
  public InetSocketAddress address() {
    return address;
  }

  /** The base address to open in a browser, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create((tls ? "https" : "http") + "://" + host + ":" + address.getPort() + "/");
  }

  /** Called periodically so that the admin login throttle stays bounded. */
  public void housekeeping() {
    admin.housekeeping();
  }

  @Override
  public void close() {
    feed.close();
    app.stop();
  }
}
