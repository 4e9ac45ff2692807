package dev.securechat.client.net;

import dev.securechat.protocol.FrameDecoder;
import dev.securechat.protocol.FrameEncoder;
import dev.securechat.protocol.Limits;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Opens TLS 1.3 connections to servers, trusting them by pinned key. One instance keeps one TLS
 * context, so reconnecting to the same server resumes the TLS session from its ticket.
 */
public final class ClientTransport implements AutoCloseable {
  private final EventLoopGroup group;
  private final SslContext tls;
  private final int maxFrameBytes;
  private final int receiveBufferBytes;

  public ClientTransport(KnownServers known, TrustOnFirstUse firstUse) {
    this(known, firstUse, 1, Limits.MAX_CONFIGURABLE_FRAME_BYTES);
  }

  /**
   * @param maxFrameBytes the largest frame this client accepts
   */
  public ClientTransport(
      KnownServers known, TrustOnFirstUse firstUse, int threads, int maxFrameBytes) {
    this(known, firstUse, threads, maxFrameBytes, 0);
  }

  /**
   * @param receiveBufferBytes how many bytes one socket read takes ({@code [Client]
   *     receive_buffer}); 0 lets Netty adapt it
   */
  public ClientTransport(
      KnownServers known,
      TrustOnFirstUse firstUse,
      int threads,
      int maxFrameBytes,
      int receiveBufferBytes) {
    this.receiveBufferBytes = receiveBufferBytes;
    this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    this.maxFrameBytes = maxFrameBytes;
    try {
      this.tls =
          SslContextBuilder.forClient()
              .sslProvider(SslProvider.JDK)
              .protocols("TLSv1.3")
              .trustManager(new PinningTrustManager(known, firstUse))
              .build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS 1.3 is not available in this JDK", e);
    }
  }

  /** Connects, completes the TLS handshake and the hello exchange. */
  public CompletableFuture<ServerConnection> connect(
      String host, int port, FrameListener listener, Duration timeout) {
    CompletableFuture<ServerConnection> ready = new CompletableFuture<>();
    Bootstrap bootstrap = new Bootstrap();
    if (receiveBufferBytes > 0) {
      bootstrap.option(
          ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(receiveBufferBytes));
    }
    bootstrap
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                SslHandler ssl = tls.newHandler(ch.alloc(), host, port);
                ssl.setHandshakeTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
                ch.pipeline()
                    .addLast("tls", ssl)
                    .addLast("frame-decoder", new FrameDecoder(maxFrameBytes, false))
                    .addLast("frame-encoder", new FrameEncoder())
                    .addLast("connection", new ServerConnection(ch, listener, ready));
              }
            });
    bootstrap
        .connect(host, port)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                ready.completeExceptionally(
                    new java.net.ConnectException(
                        "cannot reach the server at "
                            + host
                            + ":"
                            + port
                            + " ("
                            + f.cause().getMessage()
                            + ")"));
              }
            });
    return ready.orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
