package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.crypto.LoginSecret;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import dev.securechat.server.SecureChatServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's sequencing, bounding and ack rules, driven frame by frame. */
class RelayRulesIT {
  @TempDir static Path dir;
  static SecureChatServer server;
  static ClientTransport transport;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir.resolve("server"), Map.of("storage.queue_max_messages", "3"));
    transport = new ClientTransport(new KnownServers(dir.resolve("known")), TrustOnFirstUse.ALWAYS);
  }

  @AfterAll
  static void stop() {
    transport.close();
    server.close();
  }

  static RawClient loggedIn(String name) {
    return RawClient.registered(transport, server, name);
  }

  static ServerFrame send(RawClient c, UUID id, long seq, String to) {
    return c.connection
        .submit(id, new ClientFrame.Send(id, seq, to, new byte[] {(byte) seq}))
        .join();
  }

  @Test
  void aResentSeqIsStoredOnceAndAGapIsRefused() throws Exception {
    try (RawClient alice = loggedIn("seq-alice");
        RawClient bob = loggedIn("seq-bob")) {
      UUID first = UUID.randomUUID();
      assertThat(send(alice, first, 1, "seq-bob")).isEqualTo(new ServerFrame.Stored(first));
      assertThat(send(alice, first, 1, "seq-bob")).isEqualTo(new ServerFrame.Stored(first));
      UUID other = UUID.randomUUID();
      assertThat(send(alice, other, 1, "seq-bob"))
          .isEqualTo(new ServerFrame.Rejected(other, ErrorCode.SEQ_CONFLICT, 2));
      UUID gap = UUID.randomUUID();
      assertThat(send(alice, gap, 5, "seq-bob"))
          .isEqualTo(new ServerFrame.Rejected(gap, ErrorCode.SEQ_GAP, 2));
      UUID second = UUID.randomUUID();
      assertThat(send(alice, second, 2, "seq-bob")).isEqualTo(new ServerFrame.Stored(second));

      List<ServerFrame.Deliver> got = deliveries(bob, 2);
      assertThat(got).extracting(ServerFrame.Deliver::id).containsExactly(first, second);
      long id = alice.connection.nextRequestId();
      assertThat(alice.connection.request(id, new ClientFrame.SeqQuery(id, "seq-bob")).join())
          .isEqualTo(new ServerFrame.SeqState(id, "seq-bob", 2));
    }
  }

  @Test
  void aFullQueueAnswersBusyAndAnAckMakesRoom() throws Exception {
    try (RawClient alice = loggedIn("busy-alice");
        RawClient bob = loggedIn("busy-bob")) {
      for (int seq = 1; seq <= 3; seq++) {
        assertThat(send(alice, UUID.randomUUID(), seq, "busy-bob"))
            .isInstanceOf(ServerFrame.Stored.class);
      }
      UUID fourth = UUID.randomUUID();
      ServerFrame busy = send(alice, fourth, 4, "busy-bob");
      assertThat(busy).isInstanceOf(ServerFrame.Busy.class);
      assertThat(((ServerFrame.Busy) busy).retryAfterMillis()).isPositive();

      List<ServerFrame.Deliver> got = deliveries(bob, 3);
      // One cumulative ack for all three.
      bob.connection.send(new ClientFrame.Ack(Stream.DIRECT, got.getLast().qseq()));
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .until(() -> send(alice, fourth, 4, "busy-bob") instanceof ServerFrame.Stored);
    }
  }

  @Test
  void unackedMessagesComeAgainAtTheNextLogin() throws Exception {
    try (RawClient alice = loggedIn("again-alice")) {
      RawClient bob = loggedIn("again-bob");
      send(alice, UUID.randomUUID(), 1, "again-bob");
      send(alice, UUID.randomUUID(), 2, "again-bob");
      List<ServerFrame.Deliver> first = deliveries(bob, 2);
      bob.connection.send(new ClientFrame.Ack(Stream.DIRECT, first.getFirst().qseq()));
      bob.close();
      try (RawClient bob2 = new RawClient(transport, server)) {
        byte[] secret = LoginSecret.derive("again-bob", TestClient.PASSWORD.toCharArray());
        long id = bob2.connection.nextRequestId();
        bob2.connection.request(id, new ClientFrame.Login(id, "again-bob", secret)).join();
        assertThat(deliveries(bob2, 1))
            .extracting(ServerFrame.Deliver::qseq)
            .containsExactly(first.getLast().qseq());
      }
    }
  }

  static List<ServerFrame.Deliver> deliveries(RawClient c, int n) throws InterruptedException {
    java.util.ArrayList<ServerFrame.Deliver> out = new java.util.ArrayList<>();
    while (out.size() < n) {
      if (c.next() instanceof ServerFrame.Deliver d) {
        out.add(d);
      }
    }
    return out;
  }
}
