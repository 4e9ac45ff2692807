package dev.securechat.server;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.SoftwareVersion;
import dev.securechat.server.auth.AccountService;
import dev.securechat.server.auth.AuthSettings;
import dev.securechat.server.auth.LoginLimiter;
import dev.securechat.server.cluster.ClusterMember;
import dev.securechat.server.config.ServerConfig;
import dev.securechat.server.config.StorageSettings;
import dev.securechat.server.dashboard.Dashboard;
import dev.securechat.server.dashboard.DashboardServices;
import dev.securechat.server.dashboard.ProcessMetrics;
import dev.securechat.server.session.Directory;
import dev.securechat.server.session.LocalDirectory;
import dev.securechat.server.session.Router;
import dev.securechat.server.session.SessionPoller;
import dev.securechat.server.session.SessionRegistry;
import dev.securechat.server.session.SessionServices;
import dev.securechat.server.status.StatusManager;
import dev.securechat.server.status.StatusSampler;
import dev.securechat.server.status.StoreFigures;
import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.AuditLog;
import dev.securechat.server.store.BroadcastLog;
import dev.securechat.server.store.Database;
import dev.securechat.server.store.MessageQueue;
import dev.securechat.server.store.MessageWriter;
import dev.securechat.server.store.PreKeys;
import dev.securechat.server.store.StorageHealth;
import dev.securechat.server.store.StoreSettings;
import dev.securechat.server.tls.ServerCertificates;
import dev.securechat.server.tls.ServerIdentity;
import dev.securechat.server.transport.ChatTransport;
import dev.securechat.server.transport.ServerTls;
import dev.securechat.server.transport.TransportSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running SecureChat server: the composition root, one factory method per area, and the
 * lifecycle. Tests start it in-process on port 0 with a temporary data folder.
 */
public final class SecureChatServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SecureChatServer.class);

  private final ServerConfig config;
  private final Database database;
  private final MessageWriter writer;
  private final ChatTransport transport;
  private final ExecutorService authExecutor;
  private final ExecutorService dbExecutor;
  private final ScheduledExecutorService housekeeping;
  private final ScheduledExecutorService sampling;
  private final StatusManager status;
  private final StatusSampler sampler;
  private final PrometheusMeterRegistry meters;
  private final ProcessMetrics processMetrics;
  private final Dashboard dashboard;
  private final ClusterMember cluster;
  private final ServerIdentity identity;
  private final InetSocketAddress chatAddress;
  private boolean closed;

  private SecureChatServer(ServerConfig config, Clock clock, Consumer<String> console)
      throws Exception {
    this.config = config;
    Path dataDir = config.server().dataDir();
    Files.createDirectories(dataDir);
    this.identity =
        ServerCertificates.loadOrCreate(
            dataDir, config.server().tlsCertificate(), config.server().tlsPrivateKey(), clock);
    log.info("TLS key fingerprint for clients to check: {}", identity.fingerprint());

    this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    String software = "securechat-server/" + SoftwareVersion.current();
    StorageHealth storage = new StorageHealth(clock);
    this.status =
        new StatusManager(
            meters, clock, config.cluster().nodeId(), SoftwareVersion.current(), storage);
    this.processMetrics =
        new ProcessMetrics(meters, SoftwareVersion.current(), config.cluster().nodeId());

    this.database = Database.open(storeSettings(config.storage()), storage);
    SessionRegistry registry = new SessionRegistry(config.server().presencePushLimit());
    MessageQueue queue = new MessageQueue(database);
    BroadcastLog broadcasts = new BroadcastLog(database, clock);
    // A cluster member keeps leases and notices in Redis; a node alone needs only the registry.
    this.cluster =
        config.cluster().enabled()
            ? ClusterMember.start(
                config.cluster(),
                registry,
                new SessionPoller(registry, queue, broadcasts),
                status,
                SoftwareVersion.current(),
                clock)
            : null;
    Directory directory = cluster != null ? cluster.directory() : new LocalDirectory(registry);
    this.writer =
        new MessageWriter(
            database, storeSettings(config.storage()), clock, new Router(registry, directory));
    Gauge.builder("securechat.writer.waiting", writer, MessageWriter::waiting)
        .description("Sends and acks waiting for the store's writer to take them into a batch")
        .register(meters);
    this.authExecutor =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().name("auth-", 1).factory());
    this.dbExecutor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("db-", 1).factory());
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("housekeeping").daemon().factory());
    this.sampling =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("status-sampler").daemon().factory());

    Accounts accounts = new Accounts(database, clock);
    AuditLog audit = new AuditLog(database, clock);
    PreKeys preKeys = new PreKeys(database, clock);
    LoginLimiter localLimits = LoginLimiter.inMemory(authSettings(config), clock);
    AccountService accountService =
        new AccountService(
            accounts,
            audit,
            broadcasts,
            authSettings(config),
            cluster != null ? cluster.loginLimiter(authSettings(config), localLimits) : localLimits,
            clock,
            new SecureRandom(),
            authExecutor);
    SessionServices services =
        new SessionServices(
            accountService,
            accounts,
            preKeys,
            writer,
            queue,
            broadcasts,
            registry,
            directory,
            status,
            dbExecutor,
            clock,
            config.server().maxFrameBytes(),
            config.cluster().nodeId(),
            software);
    this.sampler =
        new StatusSampler(status, StoreFigures.of(accounts, queue, audit), meters, clock);
    startSampling();

    this.transport =
        new ChatTransport(
            transportSettings(config),
            ServerTls.context(identity.key(), identity.chain()),
            services);
    this.chatAddress = transport.start();
    try {
      this.dashboard =
          config.dashboard().enabled()
              ? Dashboard.start(
                  config.dashboard(),
                  new DashboardServices(
                      status,
                      sampler,
                      meters,
                      registry,
                      accounts,
                      audit,
                      identity,
                      authSettings(config),
                      dataDir,
                      clock,
                      new SecureRandom(),
                      console))
              : null;
    } catch (Exception | Error e) {
      close(); // the chat port is already open: do not leave it, or the threads, behind
      throw e;
    }
    scheduleHousekeeping(accountService, broadcasts, preKeys, clock);
  }

  /**
   * Starts a server; it runs until {@link #close()}. A generated dashboard password is shown once
   * on standard output, the operator's terminal, and never written to the log.
   */
  public static SecureChatServer start(ServerConfig config, Clock clock) throws Exception {
    // The server's one console line outside the logs: see AdminPassword for why.
    return start(config, clock, System.out::println);
  }

  /** As {@link #start(ServerConfig, Clock)}, showing operator notices through {@code console}. */
  public static SecureChatServer start(ServerConfig config, Clock clock, Consumer<String> console)
      throws Exception {
    return new SecureChatServer(config, clock, console);
  }

  public InetSocketAddress chatAddress() {
    return chatAddress;
  }

  /** The pinned-key fingerprint clients see on first connection. */
  public String fingerprint() {
    return identity.fingerprint();
  }

  public StatusManager status() {
    return status;
  }

  public StatusSampler sampler() {
    return sampler;
  }

  /** Where the dashboard listens, if it is enabled; with port 0, the port it was given. */
  public Optional<InetSocketAddress> dashboardAddress() {
    return Optional.ofNullable(dashboard).map(Dashboard::address);
  }

  /** The dashboard's base URL, e.g. {@code http://127.0.0.1:8080/}, if it is enabled. */
  public Optional<URI> dashboardUri() {
    return Optional.ofNullable(dashboard).map(Dashboard::uri);
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /**
   * Stops accepting, lets every message already received be committed and answered, tells the
   * clients why, and releases everything. Safe to call twice.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("Shutting down");
    // /health answers 503 from here on, while the chat port drains.
    status.markStopping();
    transport.stopAccepting();
    writer.close();
    transport.disconnectAll(
        ErrorCode.SERVER_SHUTDOWN, "the server is shutting down", config.server().shutdownGrace());
    transport.close();
    if (dashboard != null) {
      try {
        dashboard.close();
      } catch (RuntimeException e) {
        // Keep shutting down: the database and executors below must still be released.
        log.warn("The dashboard did not stop cleanly", e);
      }
    }
    if (cluster != null) {
      // After the sessions are gone, so that their leases are released first.
      cluster.close();
    }
    housekeeping.shutdownNow();
    sampling.shutdownNow();
    authExecutor.shutdownNow();
    dbExecutor.shutdownNow();
    awaitQuietly(authExecutor);
    awaitQuietly(dbExecutor);
    database.close();
    processMetrics.close();
    meters.close();
    log.info("Stopped");
  }

  /** One sample now, so the first page and scrape have figures, then one per tick. */
  private void startSampling() {
    sampler.tick();
    long tick = StatusSampler.TICK.toMillis();
    sampling.scheduleAtFixedRate(
        () -> {
          try {
            sampler.tick();
          } catch (RuntimeException e) {
            // An escaping exception would cancel the schedule and freeze every chart.
            log.warn("Status sampling failed; trying again at the next tick", e);
          }
        },
        tick,
        tick,
        TimeUnit.MILLISECONDS);
  }

  private void scheduleHousekeeping(
      AccountService accountService, BroadcastLog broadcasts, PreKeys preKeys, Clock clock) {
    Duration retention = Duration.ofDays(config.storage().broadcastRetentionDays());
    housekeeping.scheduleWithFixedDelay(
        () -> {
          try {
            accountService.housekeeping();
            if (dashboard != null) {
              dashboard.housekeeping();
            }
            int pruned = broadcasts.prune(clock.instant().minus(retention));
            if (pruned > 0) {
              log.info("Pruned {} broadcasts older than {} days", pruned, retention.toDays());
            }
            preKeys.pruneGrants();
          } catch (RuntimeException e) {
            log.warn("Housekeeping failed; trying again later", e);
          }
        },
        1,
        10,
        TimeUnit.MINUTES);
  }

  private static void awaitQuietly(ExecutorService executor) {
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("Some background work did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The store settings the server derives from {@code [Storage]}. */
  public static StoreSettings storeSettings(StorageSettings s) {
    return new StoreSettings(
        s.url(),
        s.user(),
        s.password().reveal(),
        s.synchronous().name(),
        s.poolSize(),
        s.queueMaxMessages(),
        s.queueMaxBytes(),
        Duration.ofDays(s.broadcastRetentionDays()),
        s.sqliteBusyTimeout());
  }

  static AuthSettings authSettings(ServerConfig c) {
    var s = c.security();
    return new AuthSettings(
        s.argon2MemoryKib(),
        s.argon2Iterations(),
        s.argon2Parallelism(),
        s.loginFreeFailures(),
        s.addressFreeFailures(),
        s.maxLockout(),
        s.registrationsPerAddressPerHour());
  }

  static TransportSettings transportSettings(ServerConfig c) {
    var s = c.server();
    return new TransportSettings(
        s.host(),
        s.port(),
        s.maxFrameBytes(),
        s.loginDeadline(),
        s.pingInterval(),
        s.idleTimeout(),
        s.maxConnectionsPerAddress(),
        s.maxUnauthenticatedConnections());
  }
}
