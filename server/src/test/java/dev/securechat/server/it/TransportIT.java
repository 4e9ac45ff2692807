package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.ServerKeyChangedException;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS, framing limits, deadlines, version checks, key pinning and shutdown. */
class TransportIT {
  @TempDir Path dir;

  ClientTransport transport() {
    return new ClientTransport(new KnownServers(dir.resolve("known")), TrustOnFirstUse.ALWAYS);
  }

  @Test
  void anOversizedFrameClosesOnlyThatConnection() throws Exception {
    try (SecureChatServer server = TestServer.start(dir.resolve("s"));
        ClientTransport transport = transport();
        TestClient alice = new TestClient(transport, dir.resolve("a"), server).connect();
        TestClient bob = new TestClient(transport, dir.resolve("b"), server).connect();
        RawClient rogue = new RawClient(transport, server)) {
      alice.register("alice");
      bob.register("bob");
      alice.login("alice");
      bob.login("bob");
      // A length prefix of 10 MB: refused on sight, before any of it is buffered.
      rogue.connection.channel().writeAndFlush(Unpooled.buffer(4).writeInt(10_000_000)).sync();
      ServerFrame reply = rogue.next();
      assertThat(reply).isInstanceOf(ServerFrame.ErrorReply.class);
      assertThat(((ServerFrame.ErrorReply) reply).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
      await().atMost(Duration.ofSeconds(5)).until(() -> !rogue.connection.isOpen());
      alice.send("bob", "still fine");
      bob.awaitTexts(1);
      assertThat(alice.client.isConnected()).isTrue();
    }
  }

  @Test
  void garbageInsteadOfTlsIsDropped() throws Exception {
    try (SecureChatServer server = TestServer.start(dir.resolve("s"));
        Socket socket =
            new Socket(server.chatAddress().getAddress(), server.chatAddress().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readToEnd(socket.getInputStream())).isLessThan(100);
    }
  }

  @Test
  void aConnectionThatNeverLogsInIsClosedAtTheDeadline() throws Exception {
    try (SecureChatServer server =
            TestServer.start(dir.resolve("s"), Map.of("server.login_deadline_seconds", "1"));
        Socket socket =
            new Socket(server.chatAddress().getAddress(), server.chatAddress().getPort())) {
      socket.setSoTimeout(10_000);
      long start = System.nanoTime();
      assertThat(readToEnd(socket.getInputStream())).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
      await().atMost(Duration.ofSeconds(5)).until(() -> server.status().connectionCount() == 0);
    }
  }

  @Test
  void aClientOfAnotherProtocolVersionIsToldWhichSideToUpgrade() throws Exception {
    try (SecureChatServer server = TestServer.start(dir.resolve("s"))) {
      // The real client sends Hello itself; speak version 99 by hand over a plain TLS socket.
      try (var socket = tlsSocket(server)) {
        socket.setSoTimeout(10_000);
        var out = new java.io.DataOutputStream(socket.getOutputStream());
        byte[] name = "future-client".getBytes(StandardCharsets.UTF_8);
        out.writeInt(2 + 2 + 2 + name.length);
        out.writeByte(0x01);
        out.writeByte(1);
        out.writeShort(99);
        out.writeShort(name.length);
        out.write(name);
        out.flush();
        var in = new java.io.DataInputStream(socket.getInputStream());
        int length = in.readInt();
        byte[] body = in.readNBytes(length);
        var frame = dev.securechat.protocol.FrameCodec.decode(Unpooled.wrappedBuffer(body), false);
        assertThat(frame).isInstanceOf(ServerFrame.ErrorReply.class);
        var error = (ServerFrame.ErrorReply) frame;
        assertThat(error.code()).isEqualTo(ErrorCode.PROTOCOL_VERSION_MISMATCH);
        assertThat(error.message()).contains("upgrade the server").contains("99");
      }
    }
  }

  @Test
  void aSilentConnectionIsPingedThenClosed() throws Exception {
    try (SecureChatServer server =
        TestServer.start(
            dir.resolve("s"),
            Map.of(
                "server.ping_interval_seconds", "1",
                "server.idle_timeout_seconds", "2",
                "server.login_deadline_seconds", "60"))) {
      try (var socket = tlsSocket(server)) {
        socket.setSoTimeout(10_000);
        var out = new java.io.DataOutputStream(socket.getOutputStream());
        var buf = Unpooled.buffer();
        dev.securechat.protocol.FrameCodec.encode(
            new dev.securechat.protocol.ClientFrame.Hello(1, "silent"), buf);
        byte[] hello = new byte[buf.readableBytes()];
        buf.readBytes(hello);
        buf.release();
        out.write(hello);
        out.flush();
        var in = new java.io.DataInputStream(socket.getInputStream());
        java.util.List<ServerFrame> seen = new java.util.ArrayList<>();
        try {
          while (true) {
            byte[] body = in.readNBytes(in.readInt());
            var b = Unpooled.wrappedBuffer(body);
            seen.add((ServerFrame) dev.securechat.protocol.FrameCodec.decode(b, false));
          }
        } catch (java.io.EOFException | java.net.SocketException closed) {
          // The server closed the connection, as it should.
        }
        assertThat(seen.getFirst()).isInstanceOf(ServerFrame.HelloOk.class);
        assertThat(seen).anySatisfy(f -> assertThat(f).isInstanceOf(ServerFrame.Ping.class));
        assertThat(seen.getLast())
            .isEqualTo(new ServerFrame.Bye(ErrorCode.IDLE_TIMEOUT, "no answer to pings"));
      }
    }
  }

  /**
   * A client that only receives (here presence changes, which need no answer) reads and answers
   * pings but writes nothing else. The server must ping it on its own silence, not on the quiet of
   * both directions, which its own traffic to the client never lets come.
   */
  @Test
  void aClientThatOnlyReceivesIsPingedAndKeptOpen() throws Exception {
    try (SecureChatServer server =
            TestServer.start(
                dir.resolve("s"),
                Map.of("server.ping_interval_seconds", "1", "server.idle_timeout_seconds", "2"));
        ClientTransport transport = transport();
        RawClient watcher = RawClient.registered(transport, server, "ka-watcher")) {
      long churnUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      for (int i = 0; System.nanoTime() < churnUntil; i++) {
        RawClient.registered(transport, server, "ka-churn-" + i).close();
      }
      assertThat(watcher.connection.bye()).isNull();
      assertThat(watcher.connection.isOpen()).isTrue();
      assertThat(watcher.unsolicited)
          .anySatisfy(f -> assertThat(f).isInstanceOf(ServerFrame.PresenceChange.class));
    }
  }

  @Test
  void aChangedServerKeyIsRefusedWithAnExplanation() throws Exception {
    int port;
    String firstFingerprint;
    try (ClientTransport transport = transport()) {
      try (SecureChatServer first = TestServer.start(dir.resolve("first"))) {
        port = first.chatAddress().getPort();
        firstFingerprint = first.fingerprint();
        new RawClient(transport, first).close();
      }
      assertThat(Files.readString(dir.resolve("known"))).contains(firstFingerprint);
      try (SecureChatServer impostor =
          TestServer.start(dir.resolve("second"), Map.of("server.port", String.valueOf(port)))) {
        assertThat(impostor.fingerprint()).isNotEqualTo(firstFingerprint);
        assertThatThrownBy(() -> new RawClient(transport, impostor))
            .isInstanceOf(CompletionException.class)
            .cause()
            .isInstanceOf(ServerKeyChangedException.class)
            .hasMessageContaining(firstFingerprint)
            .hasMessageContaining(impostor.fingerprint());
      }
    }
  }

  @Test
  void tlsSessionsAreResumedOnReconnect() throws Exception {
    try (SecureChatServer server = TestServer.start(dir.resolve("s"));
        ClientTransport transport = transport()) {
      long[] created = new long[2];
      for (int i = 0; i < 2; i++) {
        try (RawClient c = new RawClient(transport, server)) {
          var tls = c.connection.channel().pipeline().get(io.netty.handler.ssl.SslHandler.class);
          created[i] = tls.engine().getSession().getCreationTime();
        }
      }
      // A resumed TLS 1.3 session keeps the creation time of the one it resumes.
      assertThat(created[1]).isEqualTo(created[0]);
    }
  }

  @Test
  void shutdownTellsClientsWhy() throws Exception {
    try (ClientTransport transport = transport()) {
      SecureChatServer server = TestServer.start(dir.resolve("s"));
      TestClient alice = new TestClient(transport, dir.resolve("a"), server).connect();
      alice.register("alice");
      alice.login("alice");
      server.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> !alice.byes.isEmpty());
      assertThat(alice.byes.getFirst().code()).isEqualTo(ErrorCode.SERVER_SHUTDOWN);
      alice.close();
    }
  }

  /** A TLS socket that speaks frames by hand; these tests are about framing, not trust. */
  private static javax.net.ssl.SSLSocket tlsSocket(SecureChatServer server) throws Exception {
    var ctx = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
    ctx.init(null, new javax.net.ssl.TrustManager[] {new TrustAll()}, null);
    return (javax.net.ssl.SSLSocket)
        ctx.getSocketFactory()
            .createSocket(server.chatAddress().getAddress(), server.chatAddress().getPort());
  }

  private static int readToEnd(InputStream in) throws java.io.IOException {
    int total = 0;
    try {
      while (in.read() >= 0) {
        total++;
      }
    } catch (java.net.SocketException reset) {
      // A reset is as good as a close here.
      return total;
    }
    return total;
  }

  /** Only for the hand-written hello above: that test is about versions, not trust. */
  static final class TrustAll implements javax.net.ssl.X509TrustManager {
    public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

    public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return new java.security.cert.X509Certificate[0];
    }
  }
}
