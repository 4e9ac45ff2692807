package dev.securechat.server.it;

import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.Frame;
import dev.securechat.protocol.FrameCodec;
import dev.securechat.protocol.MalformedFrameException;
import dev.securechat.protocol.ProtocolVersion;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A blocking TLS connection that writes exactly the bytes a test chooses, from a local address the
 * test chooses (127.0.0.2 and the like are other clients to the server), and reads server frames.
 * For hostile clients; well-behaved ones use {@link TestClient}.
 */
final class RawTls implements AutoCloseable {
  /** One context for all, so reconnects resume their TLS session as real clients do. */
  private static final SSLContext TLS = context();

  private final SSLSocket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawTls(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects from {@code local} (port chosen by the system) and finishes the TLS handshake. */
  static RawTls connect(SecureChatServer server, String local) throws IOException {
    InetSocketAddress to = server.chatAddress();
    SSLSocket s =
        (SSLSocket)
            TLS.getSocketFactory()
                .createSocket(to.getAddress(), to.getPort(), InetAddress.getByName(local), 0);
    s.setSoTimeout(10_000);
    s.setTcpNoDelay(true);
    s.startHandshake();
    return new RawTls(s);
  }

  /** Connects and says hello; the server's HelloOk has been read. */
  static RawTls greeted(SecureChatServer server, String local) throws Exception {
    RawTls c = connect(server, local);
    c.send(new ClientFrame.Hello(ProtocolVersion.CURRENT, "raw-test-client"));
    if (!(c.next() instanceof ServerFrame.HelloOk)) {
      throw new AssertionError("no HelloOk");
    }
    return c;
  }

  void send(ClientFrame frame) throws IOException {
    ByteBuf buf = Unpooled.buffer();
    try {
      FrameCodec.encode(frame, buf);
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      write(bytes);
    } finally {
      buf.release();
    }
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next frame; fails if the connection closes first or nothing comes within 10 s. */
  ServerFrame next() throws IOException {
    return read().orElseThrow(() -> new AssertionError("the server closed the connection"));
  }

  /** The next frame, or empty when the server closed the connection. */
  Optional<ServerFrame> read() throws IOException {
    try {
      int length = in.readInt();
      byte[] body = in.readNBytes(length);
      if (body.length < length) {
        return Optional.empty();
      }
      Frame frame = FrameCodec.decode(Unpooled.wrappedBuffer(body), false);
      return Optional.of((ServerFrame) frame);
    } catch (EOFException | SocketException closed) {
      return Optional.empty();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("nothing arrived within 10 s", e);
    } catch (MalformedFrameException e) {
      throw new AssertionError("the server sent a malformed frame", e);
    }
  }

  /** The next frame of {@code type}, skipping pushed ones (presence, deliveries, pings). */
  <T extends ServerFrame> T next(Class<T> type) throws IOException {
    while (true) {
      ServerFrame f = next();
      if (type.isInstance(f)) {
        return type.cast(f);
      }
      if (f instanceof ServerFrame.ErrorReply || f instanceof ServerFrame.Bye) {
        throw new AssertionError("expected " + type.getSimpleName() + " but got " + f);
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static SSLContext context() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLSv1.3");
      ctx.init(null, new TrustManager[] {new TransportIT.TrustAll()}, new SecureRandom());
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
