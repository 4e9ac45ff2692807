package dev.securechat.server.it;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.FrameListener;
import dev.securechat.client.net.ServerConnection;
import dev.securechat.crypto.LoginSecret;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
import dev.securechat.server.testing.TestAccounts;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare connection that sends exactly the frames a test chooses and keeps what comes back. */
final class RawClient implements FrameListener, AutoCloseable {
  final BlockingQueue<ServerFrame> unsolicited = new LinkedBlockingQueue<>();
  final ServerConnection connection;

  RawClient(ClientTransport transport, SecureChatServer server) {
    this(transport, server.chatAddress());
  }

  RawClient(ClientTransport transport, InetSocketAddress server) {
    this.connection =
        transport
            .connect(server.getHostString(), server.getPort(), this, Duration.ofSeconds(10))
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
  }

  /** Registers {@code name} with {@link TestClient}'s password and fresh keys, then logs in. */
  static RawClient registered(ClientTransport transport, SecureChatServer server, String name) {
    return registered(transport, server.chatAddress(), name);
  }

  /** As {@link #registered(ClientTransport, SecureChatServer, String)} for a server elsewhere. */
  static RawClient registered(ClientTransport transport, InetSocketAddress server, String name) {
    RawClient c = new RawClient(transport, server);
    byte[] secret = LoginSecret.derive(name, TestClient.PASSWORD.toCharArray());
    var keys = TestAccounts.keys();
    long id = c.connection.nextRequestId();
    c.connection
        .request(
            id,
            new ClientFrame.Register(
                id, name, secret, keys.identityKey(), keys.keyBundle(), keys.oneTimePreKeys()))
        .join();
    id = c.connection.nextRequestId();
    c.connection.request(id, new ClientFrame.Login(id, name, secret)).join();
    return c;
  }

  ServerFrame next() throws InterruptedException {
    ServerFrame f = unsolicited.poll(10, TimeUnit.SECONDS);
    if (f == null) {
      throw new AssertionError("nothing arrived within 10 s");
    }
    return f;
  }

  @Override
  public void onFrame(ServerFrame frame) {
    unsolicited.add(frame);
  }

  @Override
  public void close() {
    connection.close();
  }
}
