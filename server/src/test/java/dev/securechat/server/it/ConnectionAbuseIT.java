package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.FrameCodec;
import dev.securechat.protocol.ProtocolVersion;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that never finish: dribbled TLS handshakes and hellos, thousands of silent sockets,
 * floods from one address. Each is closed by the limit that holds it while normal clients are
 * served.
 */
class ConnectionAbuseIT {
  private static final java.util.concurrent.ExecutorService READERS =
      Executors.newVirtualThreadPerTaskExecutor();
  @TempDir Path dir;

  private ClientTransport transport() {
    return new ClientTransport(new KnownServers(dir.resolve("known")), TrustOnFirstUse.ALWAYS);
  }

  /** Two real clients register, log in and exchange a message: the server is serving. */
  private void normalClientsChat(SecureChatServer server, ClientTransport transport, String tag) {
    try (TestClient a = new TestClient(transport, dir.resolve("a" + tag), server).connect();
        TestClient b = new TestClient(transport, dir.resolve("b" + tag), server).connect()) {
      a.register("ann" + tag);
      b.register("ben" + tag);
      a.login("ann" + tag);
      b.login("ben" + tag);
      a.send("ben" + tag, "hello from ann");
      b.awaitTexts(1);
      assertThat(b.texts()).containsExactly("ann" + tag + ":hello from ann");
    }
  }

  @Test
  void dribbledHandshakesAndHellosAreClosedAtTheDeadlineWhileOthersAreServed() throws Exception {
    ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
    try (SecureChatServer server =
            TestServer.start(dir.resolve("s"), Map.of("server.login_deadline_seconds", "4"));
        ClientTransport transport = transport()) {
      byte[] clientHello = clientHello();
      List<Socket> tlsDribblers = new ArrayList<>();
      List<CompletableFuture<Integer>> closed = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Socket s = plainSocket(server, "127.0.0.1");
        tlsDribblers.add(s);
        closed.add(readUntilClosed(s));
        dribble(dribbler, s.getOutputStream(), clientHello);
      }
      // TLS finishes, then the hello frame comes one byte at a time.
      List<RawTls> helloDribblers = new ArrayList<>();
      List<CompletableFuture<ServerFrame>> lastWords = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        RawTls c = RawTls.connect(server, "127.0.0.1");
        helloDribblers.add(c);
        // Blocking reads on virtual threads: the common pool (one thread here) runs the clients'
        // Argon2.
        lastWords.add(CompletableFuture.supplyAsync(() -> readLast(c), READERS));
        dribble(dribbler, c, encode(new ClientFrame.Hello(ProtocolVersion.CURRENT, "slow")));
      }
      normalClientsChat(server, transport, "1");

      await().atMost(Duration.ofSeconds(15)).until(() -> closed.stream().allMatch(f -> f.isDone()));
      assertThat(closed).allSatisfy(f -> assertThat(f.join()).as("bytes from the server").isZero());
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> lastWords.stream().allMatch(f -> f.isDone()));
      assertThat(lastWords)
          .allSatisfy(
              f ->
                  assertThat(f.join())
                      .isEqualTo(
                          new ServerFrame.ErrorReply(
                              0, ErrorCode.LOGIN_TIMEOUT, "log in within 4 s", 0)));
      assertThat(counter(server, "securechat.login.timeouts", "phase", "tls"))
          .isGreaterThanOrEqualTo(5);
      assertThat(counter(server, "securechat.login.timeouts", "phase", "login"))
          .isGreaterThanOrEqualTo(3);
      for (Socket s : tlsDribblers) {
        s.close();
      }
      for (RawTls c : helloDribblers) {
        c.close();
      }
    } finally {
      dribbler.shutdownNow();
    }
  }

  @Test
  void twoThousandSilentConnectionsAreClosedAndDoNotStopOthers() throws Exception {
    try (SecureChatServer server =
            TestServer.start(
                dir.resolve("s"),
                Map.of(
                    "server.login_deadline_seconds", "3",
                    "server.max_connections_per_address", "5000"));
        ClientTransport transport = transport()) {
      List<Socket> silent = new ArrayList<>();
      try {
        for (int i = 0; i < 2000; i++) {
          silent.add(plainSocket(server, "127.0.0.1"));
        }
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> server.status().connectionCount() >= 2000);
        normalClientsChat(server, transport, "2");
        await().atMost(Duration.ofSeconds(20)).until(() -> server.status().connectionCount() == 0);
        assertThat(counter(server, "securechat.login.timeouts", "phase", "tls"))
            .isGreaterThanOrEqualTo(2000);
        // Every silent socket was closed by the server: reading gives end of stream.
        for (Socket s : silent.subList(0, 20)) {
          assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
      } finally {
        for (Socket s : silent) {
          s.close();
        }
      }
    }
  }

  @Test
  void theCapOnUnauthenticatedConnectionsHoldsAndFreesUpAtLogin() throws Exception {
    try (SecureChatServer server =
            TestServer.start(
                dir.resolve("s"),
                Map.of(
                    "server.login_deadline_seconds", "60",
                    "server.max_unauthenticated_connections", "20"));
        ClientTransport transport = transport()) {
      List<Socket> silent = new ArrayList<>();
      try {
        for (int i = 0; i < 20; i++) {
          silent.add(plainSocket(server, "127.0.0.1"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.status().connectionCount() == 20);
        Socket refused = plainSocket(server, "127.0.0.2");
        assertThat(readUntilClosed(refused).get(10, TimeUnit.SECONDS)).isZero();
        refused.close();
        assertThat(counter(server, "securechat.connections.refused", "reason", "unauthenticated"))
            .isGreaterThanOrEqualTo(1);
        for (Socket s : silent.subList(0, 4)) {
          s.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.status().connectionCount() == 16);
        // Four places: two for the clients that chat, freed again when they log in.
        normalClientsChat(server, transport, "3");
        normalClientsChat(server, transport, "4");
      } finally {
        for (Socket s : silent) {
          s.close();
        }
      }
    }
  }

  @Test
  void aFloodFromOneAddressIsCappedAndOtherAddressesAreNot() throws Exception {
    try (SecureChatServer server =
        TestServer.start(dir.resolve("s"), Map.of("server.max_connections_per_address", "10"))) {
      List<Socket> flood = new ArrayList<>();
      try {
        for (int i = 0; i < 10; i++) {
          flood.add(plainSocket(server, "127.0.0.1"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.status().connectionCount() == 10);
        List<CompletableFuture<Integer>> extra = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          Socket s = plainSocket(server, "127.0.0.1");
          flood.add(s);
          extra.add(readUntilClosed(s));
        }
        for (CompletableFuture<Integer> f : extra) {
          assertThat(f.get(10, TimeUnit.SECONDS)).as("closed at once, nothing said").isZero();
        }
        assertThat(counter(server, "securechat.connections.refused", "reason", "per_address"))
            .isGreaterThanOrEqualTo(5);
        // Another address is served as usual, TLS and hello included.
        for (int i = 0; i < 3; i++) {
          try (RawTls other = RawTls.greeted(server, "127.0.0.2")) {
            other.send(new ClientFrame.Ping(7));
            assertThat(other.next()).isEqualTo(new ServerFrame.Pong(7));
          }
        }
        assertThat(server.status().connectionCount()).isGreaterThanOrEqualTo(10);
      } finally {
        for (Socket s : flood) {
          s.close();
        }
      }
    }
  }

  static double counter(SecureChatServer server, String name, String tag, String value) {
    var c = server.meters().find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  private static Socket plainSocket(SecureChatServer server, String local) throws IOException {
    InetSocketAddress to = server.chatAddress();
    Socket s = new Socket(to.getAddress(), to.getPort(), InetAddress.getByName(local), 0);
    s.setSoTimeout(30_000);
    return s;
  }

  /** Reads until the server closes; completes with the number of bytes it sent. */
  private static CompletableFuture<Integer> readUntilClosed(Socket s) {
    return CompletableFuture.supplyAsync(
        () -> {
          int total = 0;
          try (InputStream in = s.getInputStream()) {
            while (in.read() >= 0) {
              total++;
            }
          } catch (IOException resetOrClosed) {
            // A reset is a close too.
          }
          return total;
        },
        READERS);
  }

  private static ServerFrame readLast(RawTls c) {
    ServerFrame last = null;
    try {
      for (var f = c.read(); f.isPresent(); f = c.read()) {
        last = f.get();
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return last;
  }

  /** Writes one byte every 200 ms until the bytes run out or the server closes. */
  private static void dribble(ScheduledExecutorService timer, OutputStream out, byte[] bytes) {
    int[] at = {0};
    timer.scheduleAtFixedRate(
        () -> {
          if (at[0] < bytes.length) {
            try {
              out.write(bytes[at[0]++]);
              out.flush();
            } catch (IOException closed) {
              at[0] = bytes.length;
            }
          }
        },
        0,
        200,
        TimeUnit.MILLISECONDS);
  }

  private static void dribble(ScheduledExecutorService timer, RawTls c, byte[] bytes) {
    int[] at = {0};
    timer.scheduleAtFixedRate(
        () -> {
          if (at[0] < bytes.length) {
            try {
              c.write(new byte[] {bytes[at[0]++]});
            } catch (IOException closed) {
              at[0] = bytes.length;
            }
          }
        },
        0,
        200,
        TimeUnit.MILLISECONDS);
  }

  private static byte[] encode(ClientFrame frame) {
    ByteBuf buf = Unpooled.buffer();
    try {
      FrameCodec.encode(frame, buf);
      byte[] out = new byte[buf.readableBytes()];
      buf.readBytes(out);
      return out;
    } finally {
      buf.release();
    }
  }

  /** A real TLS 1.3 ClientHello, as the first flight of any client. */
  private static byte[] clientHello() throws Exception {
    SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 8888);
    engine.setUseClientMode(true);
    engine.setEnabledProtocols(new String[] {"TLSv1.3"});
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), out);
    assertThat(r.bytesProduced()).isPositive();
    out.flip();
    byte[] hello = new byte[out.remaining()];
    out.get(hello);
    return hello;
  }
}
