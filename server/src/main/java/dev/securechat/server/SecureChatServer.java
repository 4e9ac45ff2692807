package dev.securechat.server;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.SoftwareVersion;
import dev.securechat.server.auth.AccountService;
import dev.securechat.server.auth.AuthSettings;
import dev.securechat.server.config.ServerConfig;
import dev.securechat.server.config.StorageSettings;
import dev.securechat.server.session.Router;
import dev.securechat.server.session.SessionRegistry;
import dev.securechat.server.session.SessionServices;
import dev.securechat.server.status.StatusManager;
import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.AuditLog;
import dev.securechat.server.store.BroadcastLog;
import dev.securechat.server.store.Database;
import dev.securechat.server.store.MessageQueue;
import dev.securechat.server.store.MessageWriter;
import dev.securechat.server.store.PreKeys;
import dev.securechat.server.store.StoreSettings;
import dev.securechat.server.tls.ServerCertificates;
import dev.securechat.server.tls.ServerIdentity;
import dev.securechat.server.transport.ChatTransport;
import dev.securechat.server.transport.ServerTls;
import dev.securechat.server.transport.TransportSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
  private final StatusManager status;
  private final PrometheusMeterRegistry meters;
  private final ServerIdentity identity;
  private final InetSocketAddress chatAddress;
  private boolean closed;

  private SecureChatServer(ServerConfig config, Clock clock) throws Exception {
    this.config = config;
    Path dataDir = config.server().dataDir();
    Files.createDirectories(dataDir);
    this.identity =
        ServerCertificates.loadOrCreate(
            dataDir, config.server().tlsCertificate(), config.server().tlsPrivateKey(), clock);
    log.info("TLS key fingerprint for clients to check: {}", identity.fingerprint());

    this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    String software = "securechat-server/" + SoftwareVersion.current();
    this.status =
        new StatusManager(meters, clock, config.cluster().nodeId(), SoftwareVersion.current());

    this.database = Database.open(storeSettings(config.storage()));
    SessionRegistry registry = new SessionRegistry();
    this.writer =
        new MessageWriter(database, storeSettings(config.storage()), clock, new Router(registry));
    this.authExecutor =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().name("auth-", 1).factory());
    this.dbExecutor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("db-", 1).factory());
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("housekeeping").daemon().factory());

    Accounts accounts = new Accounts(database, clock);
    BroadcastLog broadcasts = new BroadcastLog(database, clock);
    AccountService accountService =
        new AccountService(
            accounts,
            new AuditLog(database, clock),
            broadcasts,
            authSettings(config),
            clock,
            new SecureRandom(),
            authExecutor);
    SessionServices services =
        new SessionServices(
            accountService,
            accounts,
            new PreKeys(database),
            writer,
            new MessageQueue(database),
            broadcasts,
            registry,
            status,
            dbExecutor,
            clock,
            config.server().maxFrameBytes(),
            config.cluster().nodeId(),
            software);
    scheduleHousekeeping(accountService, broadcasts, clock);

    this.transport =
        new ChatTransport(
            transportSettings(config),
            ServerTls.context(identity.key(), identity.chain()),
            services);
    this.chatAddress = transport.start();
  }

  /** Starts a server; it runs until {@link #close()}. */
  public static SecureChatServer start(ServerConfig config, Clock clock) throws Exception {
    return new SecureChatServer(config, clock);
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
    transport.stopAccepting();
    writer.close();
    transport.disconnectAll(
        ErrorCode.SERVER_SHUTDOWN, "the server is shutting down", config.server().shutdownGrace());
    transport.close();
    housekeeping.shutdownNow();
    authExecutor.shutdownNow();
    dbExecutor.shutdownNow();
    awaitQuietly(authExecutor);
    awaitQuietly(dbExecutor);
    database.close();
    meters.close();
    log.info("Stopped");
  }

  private void scheduleHousekeeping(
      AccountService accountService, BroadcastLog broadcasts, Clock clock) {
    Duration retention = Duration.ofDays(config.storage().broadcastRetentionDays());
    housekeeping.scheduleWithFixedDelay(
        () -> {
          try {
            accountService.housekeeping();
            int pruned = broadcasts.prune(clock.instant().minus(retention));
            if (pruned > 0) {
              log.info("Pruned {} broadcasts older than {} days", pruned, retention.toDays());
            }
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
        Duration.ofDays(s.broadcastRetentionDays()));
  }

  static AuthSettings authSettings(ServerConfig c) {
    var s = c.security();
    return new AuthSettings(
        s.argon2MemoryKib(),
        s.argon2Iterations(),
        s.argon2Parallelism(),
        s.loginFreeFailures(),
        s.addressFreeFailures(),
        s.maxLockout());
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
        s.maxConnectionsPerAddress());
  }
}
