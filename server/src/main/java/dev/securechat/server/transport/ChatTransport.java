package dev.securechat.server.transport;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.session.SessionServices;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The chat port: Netty event loops (epoll where the platform has it) and the listening socket. */
public final class ChatTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatTransport.class);

  private final TransportSettings settings;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Class<? extends ServerChannel> channelType;
  private final ChannelGroup clients =
      new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
  private final ChannelSetup setup;
  private Channel listener;

  public ChatTransport(TransportSettings settings, SslContext tls, SessionServices services) {
    this.settings = settings;
    IoHandlerFactory io =
        Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.channelType =
        Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    this.boss = new MultiThreadIoEventLoopGroup(1, io);
    this.workers = new MultiThreadIoEventLoopGroup(0, io);
    this.setup = new ChannelSetup(settings, tls, services, clients);
  }

  /** Binds the chat port; returns the address actually bound (port 0 picks a free one). */
  public InetSocketAddress start() throws InterruptedException {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(64 * 1024, 256 * 1024))
            .childHandler(setup);
    listener = bootstrap.bind(settings.host(), settings.port()).sync().channel();
    InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
    log.info(
        "Chat port listening on {}:{} ({} transport)",
        bound.getHostString(),
        bound.getPort(),
        Epoll.isAvailable() ? "epoll" : "NIO");
    return bound;
  }

  /** Closes the listening socket: no new connections, existing ones go on. */
  public void stopAccepting() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
  }

  /** Tells every connected client why, then closes all connections. */
  public void disconnectAll(ErrorCode code, String message, Duration wait) {
    clients.writeAndFlush(new ServerFrame.Bye(code, message));
    clients.close().awaitUninterruptibly(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    stopAccepting();
    clients.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
