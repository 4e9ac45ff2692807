package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.FrameMutator;
import dev.securechat.protocol.FrameSamples;
import dev.securechat.protocol.PreKey;
import dev.securechat.protocol.ProtocolVersion;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import dev.securechat.server.SecureChatServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clients chat (direct messages and broadcasts) while a fourth account misbehaves in every
 * way at once, over and over: frames of the wrong phase, login floods, acks for messages it never
 * got, seq gaps, oversized and garbage frames. Every message of the three arrives exactly once, the
 * misbehaving connections get their error codes, and the server logs no error.
 */
class MisbehavingClientIT {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  @Test
  void othersKeepChattingWhileOneClientMisbehavesInEveryWay() throws Exception {
    try (ErrorLogWatch errors = new ErrorLogWatch();
        SecureChatServer server = TestServer.start(dir.resolve("s"));
        ClientTransport transport =
            new ClientTransport(new KnownServers(dir.resolve("known")), TrustOnFirstUse.ALWAYS);
        TestClient alice = new TestClient(transport, dir.resolve("a"), server).connect();
        TestClient bob = new TestClient(transport, dir.resolve("b"), server).connect();
        TestClient carol = new TestClient(transport, dir.resolve("c"), server).connect()) {
      byte[] mallorySecret = new byte[32];
      RANDOM.nextBytes(mallorySecret);
      try (RawTls r = RawTls.greeted(server, "127.0.0.9")) {
        r.send(
            new ClientFrame.Register(
                1, "mallory", mallorySecret, key(), new byte[] {1}, List.of(new PreKey(1, key()))));
        assertThat(r.next()).isEqualTo(new ServerFrame.Ok(1));
      }
      List<TestClient> chatters = List.of(alice, bob, carol);
      List<String> names = List.of("alice", "bob", "carol");
      for (int i = 0; i < 3; i++) {
        chatters.get(i).register(names.get(i));
        chatters.get(i).login(names.get(i));
      }

      AtomicBoolean stop = new AtomicBoolean();
      Set<ErrorCode> seen = ConcurrentHashMap.newKeySet();
      AtomicInteger rounds = new AtomicInteger();
      CompletableFuture<Void> mallory =
          CompletableFuture.runAsync(
              () -> {
                try {
                  while (!stop.get() || rounds.get() < 3) {
                    misbehave(server, mallorySecret, rounds.getAndIncrement(), seen);
                  }
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              },
              Executors.newVirtualThreadPerTaskExecutor());

      for (int m = 0; m < 10; m++) {
        for (int i = 0; i < 3; i++) {
          chatters.get(i).send(names.get((i + 1) % 3), "direct " + m + " from " + names.get(i));
        }
        if (m % 2 == 0) {
          chatters.get(m % 3).broadcast("broadcast " + m);
        }
      }
      stop.set(true);
      mallory.join();

      for (int i = 0; i < 3; i++) {
        String me = names.get(i);
        String from = names.get((i + 2) % 3);
        List<String> expected = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
          expected.add(from + ":direct " + m + " from " + from);
          if (m % 2 == 0 && !names.get(m % 3).equals(me)) {
            expected.add(names.get(m % 3) + ":broadcast " + m);
          }
        }
        TestClient c = chatters.get(i);
        c.awaitTexts(expected.size());
        // Exactly once: the count stays there, no duplicate follows.
        int count = expected.size();
        await()
            .during(Duration.ofMillis(300))
            .atMost(Duration.ofSeconds(2))
            .until(() -> c.messages.size() == count);
        List<String> got = new ArrayList<>(c.texts());
        Collections.sort(got);
        Collections.sort(expected);
        assertThat(got).as(me).isEqualTo(expected);
      }
      assertThat(seen)
          .containsAll(
              EnumSet.of(
                  ErrorCode.UNEXPECTED_FRAME,
                  ErrorCode.NOT_AUTHENTICATED,
                  ErrorCode.BAD_REQUEST,
                  ErrorCode.ALREADY_AUTHENTICATED,
                  ErrorCode.SEQ_GAP,
                  ErrorCode.UNKNOWN_RECIPIENT,
                  ErrorCode.FRAME_TOO_LARGE,
                  ErrorCode.UNKNOWN_FRAME,
                  ErrorCode.MALFORMED_FRAME));
      assertThat(server.status().totals().protocolErrors()).isGreaterThanOrEqualTo(3);
      assertThat(errors.errors()).isEmpty();
    }
  }

  /** One round: a connection that breaks every rule it can, ending with a fatal frame. */
  private static void misbehave(
      SecureChatServer server, byte[] secret, int round, Set<ErrorCode> seen) throws Exception {
    // A first frame other than Hello.
    try (RawTls c = RawTls.connect(server, "127.0.0.9")) {
      c.send(new ClientFrame.Ping(1));
      seen.add(closingError(c));
    }
    try (RawTls c = RawTls.greeted(server, "127.0.0.9")) {
      // Frames of the wrong phase before login.
      c.send(new ClientFrame.Send(UUID.randomUUID(), 1, "alice", new byte[] {1}));
      seen.add(((ServerFrame.ErrorReply) c.next()).code());
      c.send(new ClientFrame.Ack(Stream.DIRECT, 5));
      seen.add(((ServerFrame.ErrorReply) c.next()).code());
      // A login flood: one runs, the others are refused at once.
      byte[] flood = new byte[0];
      for (int i = 1; i <= 5; i++) {
        flood =
            FrameMutator.concat(
                flood, FrameSamples.encode(new ClientFrame.Login(i, "mallory", secret)));
      }
      c.write(flood);
      boolean loggedIn = false;
      while (!loggedIn) {
        ServerFrame f = c.next();
        if (f instanceof ServerFrame.ErrorReply e) {
          seen.add(e.code());
        }
        loggedIn = f instanceof ServerFrame.LoginOk;
      }
      // Frames of the wrong phase after login.
      c.send(new ClientFrame.Register(9, "mallory2", secret, key(), new byte[0], List.of()));
      c.send(new ClientFrame.Hello(ProtocolVersion.CURRENT, "again"));
      // Acks for what was never delivered, on both streams.
      c.send(new ClientFrame.Ack(Stream.DIRECT, 1_000_000_000L));
      c.send(new ClientFrame.Ack(Stream.BROADCAST, Long.MAX_VALUE));
      // A seq gap, an unknown recipient.
      c.send(new ClientFrame.Send(UUID.randomUUID(), 1_000 + round, "alice", new byte[] {1}));
      c.send(new ClientFrame.Send(UUID.randomUUID(), 1, "nobody-here", new byte[] {1}));
      c.send(new ClientFrame.Ping(42));
      // The Pong comes at once; the two Rejected after the writer's commit.
      int answers = 0;
      while (answers < 3) {
        switch (c.next()) {
          case ServerFrame.ErrorReply e -> seen.add(e.code());
          case ServerFrame.Rejected r -> {
            seen.add(r.code());
            answers++;
          }
          case ServerFrame.Pong p -> answers++;
          default -> {}
        }
      }
      // The end of this connection: an oversized prefix, an unknown type or garbage.
      byte[] fatal =
          switch (round % 3) {
            case 0 -> new byte[] {0x7F, 0, 0, 0};
            case 1 -> new byte[] {0, 0, 0, 2, 0x3E, 1};
            default -> new byte[] {0, 0, 0, 3, 0x08, 1, 0x55};
          };
      c.write(fatal);
      seen.add(closingError(c));
    }
  }

  /** The code of the ErrorReply the server closes with; fails if it closes without one. */
  private static ErrorCode closingError(RawTls c) throws Exception {
    ErrorCode code = null;
    for (Optional<ServerFrame> f = c.read(); f.isPresent(); f = c.read()) {
      if (f.get() instanceof ServerFrame.ErrorReply e && e.requestId() == 0) {
        code = e.code();
      }
    }
    assertThat(code).as("closed with an error code").isNotNull();
    return code;
  }

  private static byte[] key() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return k;
  }
}
