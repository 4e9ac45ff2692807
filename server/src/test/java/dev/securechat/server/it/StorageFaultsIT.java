package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securechat.client.Backoff;
import dev.securechat.client.ClientOptions;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.ServerErrorException;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.crypto.LoginSecret;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database on a full disk, locked by another process, or on a disk that turns read-only: the
 * server refuses new messages with {@code Rejected(STORAGE_UNAVAILABLE)} and a retry delay, keeps
 * running and serving what needs no write, logs one warning per outage, and recovers by itself when
 * the storage does; the clients keep the messages in their outboxes, say so once, retry with
 * backoff, and every held message is delivered exactly once.
 *
 * <p>The faults are real: a 16 MiB tmpfs filled up with a file, a SQLite write lock held by this
 * JVM (a process other than the server's), and an ext4 image whose file system the kernel makes
 * read-only after an error. Mounting needs root; without it the tests are skipped with a message.
 */
class StorageFaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path data;
  static ServerProcess server;
  static ClientTransport transport;
  final List<AutoCloseable> open = new ArrayList<>();
  Path readOnlyData;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Mounts.isRoot(),
        "STORAGE FAULT TESTS NOT RUN: they mount a tmpfs and a loop device to fill and break a"
            + " real disk, which needs root; run the build as root (as .ci/run does) to run them");
    data = dir.resolve("data");
    Files.createDirectories(data);
    Mounts.tmpfs(data, "16m");
    // A short wait for the lock, so that the locked case fails in a test's time.
    server =
        new ServerProcess(dir, data, Map.of("storage.sqlite_busy_timeout_ms", "300"))
            .startAndAwaitReady();
    transport =
        new ClientTransport(new KnownServers(dir.resolve("known_servers")), TrustOnFirstUse.ALWAYS);
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (transport != null) {
        transport.close();
      }
      if (server != null) {
        server.close();
      }
    } finally {
      if (data != null) {
        Mounts.unmount(data);
      }
    }
  }

  @AfterEach
  void closeClients() throws Exception {
    try {
      for (AutoCloseable c : open.reversed()) {
        c.close();
      }
    } finally {
      if (readOnlyData != null) {
        Mounts.unmount(readOnlyData);
      }
    }
  }

  @Test
  void aFullDiskHoldsMessagesUntilThereIsRoomAgain() throws Exception {
    Path filler = data.resolve("filler");
    Outage outage = new Outage(server, "full");
    outage.before();
    // The write-ahead log keeps the room it once had: empty it so the next commit needs more.
    truncateWal(data.resolve("securechat.db"));
    try {
      fill(filler);
      outage.refused("disk full");
    } finally {
      Files.deleteIfExists(filler);
    }
    outage.recovered();
    outage.loggedOnce(true);
  }

  @Test
  void aLockedDatabaseHoldsMessagesUntilTheLockIsReleased() throws Exception {
    Outage outage = new Outage(server, "locked");
    outage.before();
    try (Connection other =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve("securechat.db"));
        Statement lock = other.createStatement()) {
      lock.execute("BEGIN EXCLUSIVE");
      outage.refused("locked by another process");
      lock.execute("ROLLBACK");
    }
    outage.recovered();
    outage.loggedOnce(true);
  }

  /**
   * A disk that turns read-only under the running server cannot be made writable again while the
   * server holds its files (the kernel keeps such a file system read-only until it is unmounted),
   * so here the server is stopped, refuses to start on the read-only disk with one clear line, and
   * takes the held messages once the operator has repaired and remounted the disk; the clients
   * reconnect by themselves throughout.
   */
  @Test
  void aDiskTurnedReadOnlyRefusesMessagesAndARestartAfterTheRepairDeliversThem() throws Exception {
    assumeTrue(
        Mounts.canMakeExt4Images(),
        "READ-ONLY DISK TEST NOT RUN: it needs a free loop device (losetup -f), mkfs.ext4 and"
            + " e2fsck for an ext4 image");
    Path home = Files.createDirectories(dir.resolve("read-only-case"));
    Path image = home.resolve("disk.img");
    readOnlyData = Files.createDirectories(home.resolve("data"));
    Mounts.makeExt4Image(image, 32);
    Mounts.mountImage(image, readOnlyData);
    assumeTrue(
        Mounts.canFailExt4(readOnlyData),
        "READ-ONLY DISK TEST NOT RUN: this kernel has no /sys/fs/ext4/<device>/trigger_fs_error");
    ServerProcess ro = new ServerProcess(home, readOnlyData, Map.of());
    open.add(ro);
    ro.startAndAwaitReady();

    Outage outage = new Outage(ro, "ro");
    outage.before();
    Mounts.failExt4(readOnlyData);
    outage.refused("disk I/O error", "read-only");
    outage.loggedOnce(false);

    // SIGTERM: an orderly stop, even with nothing writable.
    assertThat(ro.stop()).as("exit code after SIGTERM").isEqualTo(143);
    ro.start();
    assertThat(ro.awaitExit()).as("exit code of a start on a read-only disk").isEqualTo(1);
    assertThat(ro.output())
        .contains("Cannot start: the data folder")
        .contains("is not writable (Read-only file system)")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");

    Mounts.unmount(readOnlyData);
    Mounts.repairExt4(image);
    Mounts.mountImage(image, readOnlyData);
    ro.startAndAwaitReady();
    outage.recovered();
    assertThat(outage.sender.reconnects()).as("the sender reconnected by itself").isPositive();
    assertThat(outage.receiver.reconnects()).as("the receiver reconnected by itself").isPositive();
  }

  /** One outage from a sender's and a receiver's side, and what the server shows meanwhile. */
  private final class Outage {
    final ServerProcess at;
    final TestMessenger sender;
    final TestMessenger receiver;
    final Raw raw;
    final DashboardHttp dashboard;
    final String admin;
    final List<CompletableFuture<Void>> held = new ArrayList<>();
    int logMark;

    Outage(ServerProcess at, String prefix) throws Exception {
      this.at = at;
      this.sender = online(at, prefix + "-sam");
      this.receiver = online(at, prefix + "-rita");
      // Logged in now: a login writes (session number, audit trail), so it waits for the storage
      // like a message does.
      this.raw = rawLoggedIn(at, prefix + "-raw");
      this.dashboard = new DashboardHttp(at.dashboard());
      this.admin = dashboard.session(TestServer.ADMIN_PASSWORD);
    }

    void before() {
      sender.send(receiver.name, "before");
      receiver.awaitSeen("@" + sender.name + ":before");
      logMark = at.output().length();
    }

    /** The storage is broken: the checks of the brief, while it stays broken. */
    void refused(String... reasons) throws Exception {
      for (int i = 1; i <= 3; i++) {
        held.add(sender.messenger.send(receiver.name, "during " + i));
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(sender.connectivity).contains("held:STORAGE_UNAVAILABLE"));
      assertThat(held).noneMatch(CompletableFuture::isDone);
      assertThat(sender.messenger.chat().outbox()).hasSize(3);

      UUID id = UUID.randomUUID();
      ServerFrame reply =
          raw.client()
              .connection
              .submit(id, new ClientFrame.Send(id, 1, receiver.name, new byte[] {1}))
              .get(20, TimeUnit.SECONDS);
      assertThat(reply).isInstanceOf(ServerFrame.Rejected.class);
      assertThat(((ServerFrame.Rejected) reply).code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
      assertThat(((ServerFrame.Rejected) reply).retryAfterMillis()).isPositive();

      // A login writes too: refused the same way, not with an internal error.
      try (RawClient again = new RawClient(transport, at.chatAddress())) {
        byte[] secret = LoginSecret.derive(raw.name(), TestClient.PASSWORD.toCharArray());
        long requestId = again.connection.nextRequestId();
        assertThat(
                again.connection.request(
                    requestId, new ClientFrame.Login(requestId, raw.name(), secret)))
            .failsWithin(Duration.ofSeconds(20))
            .withThrowableThat()
            .havingCause()
            .isInstanceOfSatisfying(
                ServerErrorException.class,
                e -> {
                  assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                  assertThat(e.retryAfter()).isPositive();
                });
      }

      // Still running, and what needs no write still works.
      assertThat(at.isAlive()).isTrue();
      assertThat(sender.messenger.chat().users().get(20, TimeUnit.SECONDS))
          .extracting(ServerFrame.UserEntry::username)
          .contains(receiver.name, sender.name);
      HttpResponse<String> health = at.health().orElseThrow();
      assertThat(health.statusCode()).isEqualTo(503);
      JsonNode body = JSON.readTree(health.body());
      assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
      assertThat(body.at("/checks/database").asText()).isEqualTo("up");
      assertThat(body.at("/checks/storage").asText()).isEqualTo("failing");
      assertThat(body.at("/storage/reason").asText()).isIn((Object[]) reasons);
      assertThat(dashboard.login(TestServer.ADMIN_PASSWORD).statusCode())
          .as("an admin login, which writes the audit trail")
          .isEqualTo(503);
      JsonNode status = JSON.readTree(dashboard.get("/api/status", admin).body());
      assertThat(status.at("/storage/state").asText()).isEqualTo("failing");
      assertThat(status.at("/storage/failures").asLong()).isPositive();
      assertThat(status.at("/storage/failuresTotal").asLong()).isPositive();
      Map<String, Double> metrics = PrometheusText.parse(at.get("/metrics").orElseThrow().body());
      assertThat(PrometheusText.value(metrics, "securechat_storage_writable")).isZero();
      assertThat(PrometheusText.value(metrics, "securechat_storage_failures_total")).isPositive();
    }

    /** The storage works again: everything held is delivered once, in order; the log is short. */
    void recovered() {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(held).allMatch(CompletableFuture::isDone);
                // Once each, in the order the sender committed them.
                assertThat(receiver.seen())
                    .containsExactlyElementsOf(
                        sender.sentTo(receiver.name).stream()
                            .map(body -> "@" + sender.name + ":" + body)
                            .toList());
              });
      assertThat(sender.sentTo(receiver.name))
          .startsWith("before")
          .containsExactlyInAnyOrder("before", "during 1", "during 2", "during 3");
      assertThat(held).noneMatch(CompletableFuture::isCompletedExceptionally);
      assertThat(sender.messenger.chat().outbox()).isEmpty();
      sender.send(receiver.name, "after");
      receiver.awaitSeen("@" + sender.name + ":after");
      assertThat(receiver.seen()).doesNotHaveDuplicates().endsWith("@" + sender.name + ":after");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(sender.connectivity).endsWith("resumed"));
      assertThat(sender.connectivity.stream().filter(e -> e.startsWith("held"))).hasSize(1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> at.health().map(h -> h.statusCode() == 200).orElse(false));
    }

    /**
     * What the server logged since the outage began: one warning, no stack trace, no error; and the
     * recovery, if it happened in the same process.
     */
    void loggedOnce(boolean recovered) {
      String log = at.output().substring(logMark);
      assertThat(log.lines().filter(l -> l.contains("Storage is failing")))
          .as("one warning per outage, in:\n%s", log)
          .hasSize(1);
      assertThat(log.lines().filter(l -> l.contains("Storage recovered")))
          .as("the recovery, in:\n%s", log)
          .hasSize(recovered ? 1 : 0);
      assertThat(log).as("no stack traces").doesNotContain("\tat ");
      assertThat(log.lines().filter(l -> l.contains(" ERROR ")))
          .as("no errors, in:\n%s", log)
          .isEmpty();
    }
  }

  private TestMessenger online(ServerProcess at, String name) {
    var options =
        ClientOptions.defaults()
            .reconnecting(
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new SecureRandom()))
            .retryingSends(
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), new SecureRandom()));
    TestMessenger m =
        new TestMessenger(transport, dir.resolve(name), at.chatAddress(), name, options);
    open.add(m);
    return m.register().login();
  }

  /** A frame-level client and the account it is logged in as. */
  private record Raw(RawClient client, String name) {}

  private Raw rawLoggedIn(ServerProcess at, String name) {
    RawClient c = RawClient.registered(transport, at.chatAddress(), name);
    open.add(c);
    return new Raw(c, name);
  }

  /** Moves the write-ahead log into the database and empties it (the server is idle). */
  private static void truncateWal(Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      rs.next();
      assertThat(rs.getInt(1)).as("checkpoint blocked by a reader").isZero();
    }
  }

  /** Writes {@code file} until the file system has no byte left. */
  private static void fill(Path file) throws IOException {
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int chunk : new int[] {1 << 20, 4096, 1}) {
        ByteBuffer bytes = ByteBuffer.allocate(chunk);
        try {
          while (true) {
            bytes.clear();
            out.write(bytes);
          }
        } catch (IOException e) {
          if (!String.valueOf(e.getMessage()).contains("No space left")) {
            throw e;
          }
        }
      }
    }
  }
}
