package dev.securechat.bench.load;

import dev.securechat.protocol.FrameDecoder;
import dev.securechat.protocol.FrameEncoder;
import dev.securechat.protocol.Limits;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The network side of the load generator: one event loop group shared by every simulated client
 * (epoll where available), one TLS 1.3 context on the JDK's provider, and the pipeline each
 * connection gets. Thousands of clients are thousands of channels, not thousands of threads.
 */
public final class LoadNetwork implements AutoCloseable {
  /** The server's Presence list grows with the users online: accept what the protocol allows. */
  private static final int MAX_SERVER_FRAME_BYTES = Limits.MAX_CONFIGURABLE_FRAME_BYTES;

  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final SslContext tls;
  private final ServerTrust trust;
  private final FrameEncoder encoder = new FrameEncoder();

  /**
   * @param threads event loop threads for all clients; 0 for Netty's default (2 per core)
   */
  public LoadNetwork(int threads, ServerTrust trust) {
    this.trust = trust;
    IoHandlerFactory io =
        Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends SocketChannel> channelType =
        Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
    this.group =
        new MultiThreadIoEventLoopGroup(
            threads, Thread.ofPlatform().name("load-", 1).daemon().factory(), io);
    this.bootstrap =
        new Bootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    try {
      this.tls =
          SslContextBuilder.forClient()
              .sslProvider(SslProvider.JDK)
              .protocols("TLSv1.3")
              .trustManager(trust)
              .build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS 1.3 is not available in this JDK", e);
    }
    // Every simulated client keeps its own ticket (see connect); the JDK's default cache of 20,480
    // sessions would drop tickets in a large storm. 0 means no limit.
    ((JdkSslContext) tls).context().getClientSessionContext().setSessionCacheSize(0);
  }

  public EventLoopGroup group() {
    return group;
  }

  public ServerTrust trust() {
    return trust;
  }

  public static String transportName() {
    return Epoll.isAvailable() ? "epoll" : "nio";
  }

  /**
   * Opens a connection for {@code client}; the client greets and logs in by itself once TLS is up,
   * and its {@link LoadClient#ready()} reports the outcome, connection failures included.
   *
   * @param local the source address to bind, or null to let the kernel choose
   * @param sessionKey under which name the JDK caches this client's TLS session (its ticket), so
   *     that the next connection with the same key resumes it; null for no resumption. The JDK keys
   *     its client cache by peer host and port, which all simulated clients share; a name of each
   *     client's own keeps one ticket per client, as separate devices would.
   */
  public ChannelFuture connect(
      Target target, InetAddress local, LoadClient client, String sessionKey) {
    Bootstrap b =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    SslHandler ssl =
                        sessionKey == null
                            ? tls.newHandler(ch.alloc())
                            : tls.newHandler(ch.alloc(), sessionKey, target.port());
                    ssl.setHandshakeTimeout(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    trust.expect(ssl.engine(), target);
                    ch.pipeline()
                        .addLast("tls", ssl)
                        .addLast("frame-decoder", new FrameDecoder(MAX_SERVER_FRAME_BYTES, false))
                        .addLast("frame-encoder", encoder)
                        .addLast("client", client);
                  }
                });
    InetSocketAddress remote = target.address();
    ChannelFuture f =
        local == null ? b.connect(remote) : b.connect(remote, new InetSocketAddress(local, 0));
    f.addListener(
        done -> {
          if (!done.isSuccess()) {
            client.connectFailed(done.cause());
          }
        });
    return f;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
