package dev.securechat.server.transport;

import dev.securechat.protocol.FrameDecoder;
import dev.securechat.protocol.FrameEncoder;
import dev.securechat.server.session.LoginHandler;
import dev.securechat.server.session.SessionServices;
import dev.securechat.server.status.ConnectionStats;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each connection's pipeline, top (network) to bottom (application), after two limits: the
 * connections of one address, and the connections not yet logged in from all addresses together. A
 * connection over either is closed at once, before TLS, so it costs no handshake.
 */
final class ChannelSetup extends ChannelInitializer<SocketChannel> {
  private static final Logger log = LoggerFactory.getLogger(ChannelSetup.class);

  private final TransportSettings settings;
  private final SslContext tls;
  private final SessionServices services;
  private final ErrorHandler errors;
  private final ChannelGroup clients;
  private final FrameEncoder encoder = new FrameEncoder();
  private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress =
      new ConcurrentHashMap<>();
  private final UnauthenticatedConnections unauthenticated;

  ChannelSetup(
      TransportSettings settings, SslContext tls, SessionServices services, ChannelGroup clients) {
    this.settings = settings;
    this.clients = clients;
    this.tls = tls;
    this.services = services;
    this.errors = new ErrorHandler(services.status());
    this.unauthenticated = new UnauthenticatedConnections(settings.maxUnauthenticatedConnections());
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    InetSocketAddress remote = ch.remoteAddress();
    if (!admit(ch, remote.getAddress())) {
      refuse(ch, "per_address", "more than max_connections_per_address from its address");
      return;
    }
    if (!unauthenticated.tryAcquire()) {
      refuse(ch, "unauthenticated", "max_unauthenticated_connections are not logged in yet");
      return;
    }
    clients.add(ch);
    ConnectionStats stats = services.status().opened(remote.getAddress().getHostAddress());
    ch.closeFuture().addListener(f -> services.status().closed(stats));

    ChannelPipeline p = ch.pipeline();
    p.addLast(PipelineNames.TRAFFIC, new TrafficCounter(services.status(), stats));
    SslHandler handshake = tls.newHandler(ch.alloc());
    // LoginDeadline, from the moment of accept, covers the handshake: one timer for both, so the
    // handshake gets exactly login_deadline_seconds (Netty's own timer would say 10 s regardless).
    handshake.setHandshakeTimeoutMillis(0);
    p.addLast(PipelineNames.TLS, handshake);
    p.addLast(PipelineNames.FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, true));
    p.addLast(PipelineNames.FRAME_DECODER, new FrameDecoder(settings.maxFrameBytes(), true));
    p.addLast(PipelineNames.FRAME_ENCODER, encoder);
    p.addLast(PipelineNames.FRAME_COUNTER, new TrafficCounter(services.status(), stats));
    p.addLast(PipelineNames.IDLE, KeepAlive.detector(settings.pingInterval()));
    p.addLast(
        PipelineNames.KEEP_ALIVE, new KeepAlive(settings.pingInterval(), settings.idleTimeout()));
    p.addLast(
        PipelineNames.LOGIN_DEADLINE,
        new LoginDeadline(settings.loginDeadline(), unauthenticated, services.status()));
    p.addLast(PipelineNames.SESSION, new LoginHandler(services, stats));
    p.addLast(PipelineNames.ERRORS, errors);
  }

  private void refuse(SocketChannel ch, String reason, String why) {
    services.status().connectionRefused(reason);
    log.debug("Refusing {}: {}", ch.remoteAddress(), why);
    ch.close();
  }

  /** Counts the connection against its address; false when the address has too many. */
  private boolean admit(SocketChannel ch, InetAddress address) {
    AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
    if (count.incrementAndGet() > settings.maxConnectionsPerAddress()) {
      release(address, count);
      return false;
    }
    ch.closeFuture().addListener(f -> release(address, count));
    return true;
  }

  private void release(InetAddress address, AtomicInteger count) {
    if (count.decrementAndGet() <= 0) {
      perAddress.remove(address, count);
    }
  }
}
