package dev.securechat.server.it;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.FrameListener;
import dev.securechat.client.net.ServerConnection;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
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
