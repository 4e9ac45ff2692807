package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that sends faster than the disk commits is held back, not buffered without bound. */
class BackpressureIT {
  private static final int SENDS = 8_000;

  @TempDir Path dir;

  @Test
  void aConnectionPipeliningWhileTheStoreIsStalledIsStoppedAtTheInFlightCap() throws Exception {
    Path data = dir.resolve("server");
    try (SecureChatServer server = TestServer.start(data);
        ClientTransport transport =
            new ClientTransport(new KnownServers(dir.resolve("known")), TrustOnFirstUse.ALWAYS);
        RawClient alice = RawClient.registered(transport, server, "pipe-alice");
        RawClient bob = RawClient.registered(transport, server, "pipe-bob")) {
      List<CompletableFuture<ServerFrame>> answers = new ArrayList<>(SENDS);
      double mostWaiting;
      // Another connection's write lock stalls the writer (SQLite waits out its busy timeout), as
      // a slow disk would, while alice pipelines all her sends at once.
      try (Connection lock =
              DriverManager.getConnection("jdbc:sqlite:" + data.resolve("securechat.db"));
          Statement st = lock.createStatement()) {
        st.execute("BEGIN EXCLUSIVE");
        for (int seq = 1; seq <= SENDS; seq++) {
          UUID id = UUID.randomUUID();
          answers.add(
              alice.connection.submit(
                  id, new ClientFrame.Send(id, seq, "pipe-bob", new byte[] {(byte) seq})));
        }
        mostWaiting = mostWaitingWhileStalled(server);
        st.execute("ROLLBACK");
      }

      assertThat(mostWaiting)
          .as("sends queued for the writer while it was stalled")
          .isPositive()
          .isLessThan(SENDS / 2.0);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> answers.stream().allMatch(CompletableFuture::isDone));
      assertThat(answers)
          .allSatisfy(a -> assertThat(a.join()).isInstanceOf(ServerFrame.Stored.class));
      assertThat(RelayRulesIT.deliveries(bob, SENDS))
          .extracting(ServerFrame.Deliver::envelope)
          .extracting(e -> e[0])
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(1, SENDS).mapToObj(i -> (byte) i).toList());
    }
  }

  /**
   * Watches the writer's queue until it has stopped growing for a while: without the cap it would
   * take in all of alice's sends, with it no more than the cap plus what one read already held.
   */
  private static double mostWaitingWhileStalled(SecureChatServer server)
      throws InterruptedException {
    double most = 0;
    int unchanged = 0;
    while (unchanged < 50) {
      double now = server.meters().get("securechat.writer.waiting").gauge().value();
      unchanged = now > most ? 0 : unchanged + 1;
      most = Math.max(most, now);
      Thread.sleep(20);
    }
    return most;
  }
}
