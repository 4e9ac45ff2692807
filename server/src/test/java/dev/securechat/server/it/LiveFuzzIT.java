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
import dev.securechat.protocol.Fuzz;
import dev.securechat.protocol.Limits;
import dev.securechat.protocol.PreKey;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated client frames over real TLS to a real server, each on a connection of its own, before and
 * after login. Each time the server either goes on serving that connection (it answers a Ping) or
 * closes it after an ErrorReply with a decoding error code; never silently, never INTERNAL, never
 * an error in its log; and two normal clients chat all along. {@code -Dsecurechat.fuzz.live.cases}
 * runs more cases.
 */
class LiveFuzzIT {
  private static final Fuzz FUZZ =
      new Fuzz(
          Fuzz.settings(0x11FE_F022L, 0).seed(),
          Integer.getInteger("securechat.fuzz.live.cases", 300));
  private static final Set<ErrorCode> CLOSING =
      EnumSet.of(
          ErrorCode.MALFORMED_FRAME,
          ErrorCode.FRAME_TOO_LARGE,
          ErrorCode.UNKNOWN_FRAME,
          ErrorCode.UNSUPPORTED_FRAME_VERSION);
  private static final String FUZZER = "127.0.0.10";

  @TempDir Path dir;

  private final Random random = new Random(FUZZ.seed());
  private final byte[] secret = new byte[32];
  private byte[] token;
  private int served;
  private int closed;

  @Test
  void everyMutatedFrameIsServedOrClosedWithAnErrorCode() throws Exception {
    new SecureRandom().nextBytes(secret);
    List<byte[]> valid =
        FrameSamples.all().stream()
            .filter(f -> f instanceof ClientFrame)
            .map(FrameSamples::encode)
            .toList();
    FrameMutator mutator = new FrameMutator(random, valid, Limits.DEFAULT_MAX_FRAME_BYTES);
    try (ErrorLogWatch errors = new ErrorLogWatch();
        // Mutated Logins fail from the fuzzer's address; the harness must still get in.
        SecureChatServer server =
            TestServer.start(
                dir.resolve("s"),
                Map.of(
                    "security.login_free_failures", "1000",
                    "security.address_free_failures", "100000"));
        ClientTransport transport =
            new ClientTransport(new KnownServers(dir.resolve("known")), TrustOnFirstUse.ALWAYS);
        TestClient alice = new TestClient(transport, dir.resolve("a"), server).connect();
        TestClient bob = new TestClient(transport, dir.resolve("b"), server).connect()) {
      alice.register("alice");
      bob.register("bob");
      alice.login("alice");
      bob.login("bob");
      try (RawTls r = RawTls.greeted(server, FUZZER)) {
        byte[] ik = new byte[294];
        random.nextBytes(ik);
        r.send(
            new ClientFrame.Register(
                1, "fuzzer", secret, ik, new byte[] {1}, List.of(new PreKey(1, ik))));
        assertThat(r.next()).isEqualTo(new ServerFrame.Ok(1));
      }
      int sent = 0;
      for (int i = 0; i < FUZZ.cases(); i++) {
        byte[] input = aligned(mutator.mutate(mutator.pick()), Limits.DEFAULT_MAX_FRAME_BYTES);
        boolean loggedIn = random.nextInt(3) != 0;
        try {
          oneCase(server, input, loggedIn, i);
        } catch (RuntimeException | Error e) {
          throw new AssertionError(
              "case %d of -Dsecurechat.fuzz.seed=0x%x -Dsecurechat.fuzz.live.cases=%d (logged in %s): input %s"
                  .formatted(
                      i, FUZZ.seed(), FUZZ.cases(), loggedIn, HexFormat.of().formatHex(input)),
              e);
        }
        if (i % 20 == 0) {
          alice.send("bob", "still here " + sent++);
        }
      }
      // Mutated Sends may reach bob too (the samples write to "bob"); alice's arrive once each.
      int expected = sent;
      await().atMost(Duration.ofSeconds(10)).until(() -> fromAlice(bob).size() >= expected);
      await()
          .during(Duration.ofMillis(200))
          .atMost(Duration.ofSeconds(2))
          .until(() -> fromAlice(bob).size() == expected);
      assertThat(fromAlice(bob)).doesNotHaveDuplicates();
      assertThat(served).isPositive();
      assertThat(closed).isPositive();
      assertThat(errors.errors()).isEmpty();
    }
  }

  private void oneCase(SecureChatServer server, byte[] input, boolean loggedIn, int i)
      throws Exception {
    try (RawTls c = RawTls.greeted(server, FUZZER)) {
      if (loggedIn) {
        logIn(c);
      }
      long nonce = 1_000_000L + i;
      c.write(input);
      c.send(new ClientFrame.Ping(nonce));
      ErrorCode lastWord = null;
      for (Optional<ServerFrame> f = c.read(); ; f = c.read()) {
        if (f.isEmpty()) {
          assertThat(lastWord).as("the server said why it closed").isNotNull();
          closed++;
          return;
        }
        switch (f.get()) {
          case ServerFrame.Pong p when p.nonce() == nonce -> {
            served++;
            return;
          }
          case ServerFrame.ErrorReply e -> {
            assertThat(e.code()).isNotEqualTo(ErrorCode.INTERNAL);
            if (CLOSING.contains(e.code())) {
              assertThat(e.requestId()).isZero();
            }
            lastWord = e.code();
          }
          case ServerFrame.Bye b -> {
            assertThat(b.code()).isEqualTo(ErrorCode.LOGGED_OUT); // a mutated Logout is a Logout
            token = null;
            lastWord = b.code();
          }
          default -> {}
        }
      }
    }
  }

  private static List<String> fromAlice(TestClient c) {
    return c.texts().stream().filter(t -> t.startsWith("alice:")).toList();
  }

  /** Resumes with the device token, or logs in with the secret when it was revoked. */
  private void logIn(RawTls c) throws Exception {
    if (token != null) {
      c.send(new ClientFrame.Resume(1, "fuzzer", token));
      if (c.next() instanceof ServerFrame.LoginOk) {
        return;
      }
    }
    c.send(new ClientFrame.Login(2, "fuzzer", secret));
    ServerFrame.LoginOk ok = c.next(ServerFrame.LoginOk.class);
    token = ok.deviceToken();
  }

  /**
   * Completes a cut-off last frame with zeros, so that the server reads the Ping that follows as a
   * frame of its own instead of waiting for bytes that never come. A prefix over the limit is left
   * as it is: the server refuses it at once.
   */
  static byte[] aligned(byte[] in, int max) {
    byte[] out = in;
    int at = 0;
    while (at < out.length) {
      if (out.length - at < 4) {
        out = Arrays.copyOf(out, at + 4);
      }
      long length =
          ((out[at] & 0xFFL) << 24)
              | ((out[at + 1] & 0xFFL) << 16)
              | ((out[at + 2] & 0xFFL) << 8)
              | (out[at + 3] & 0xFFL);
      if (length > max) {
        return out;
      }
      if (out.length - at - 4 < length) {
        out = Arrays.copyOf(out, (int) (at + 4 + length));
      }
      at += 4 + (int) length;
    }
    return out;
  }
}
