package dev.securechat.client.net;

import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ProtocolVersion;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.SoftwareVersion;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection to a server after TLS and the hello: matches replies to requests (by request id,
 * or by message id for sends) and passes everything else to the {@link FrameListener}.
 */
public final class ServerConnection extends SimpleChannelInboundHandler<ServerFrame>
    implements AutoCloseable {
  private final Channel channel;
  private final FrameListener listener;
  private final CompletableFuture<ServerConnection> ready;
  private final AtomicLong requestIds = new AtomicLong();
  private final Map<Long, CompletableFuture<ServerFrame>> requests = new ConcurrentHashMap<>();
  private final Map<UUID, CompletableFuture<ServerFrame>> messages = new ConcurrentHashMap<>();
  private volatile ServerFrame.HelloOk hello;
  private volatile ServerFrame.Bye bye;
  private volatile Throwable failure;

  ServerConnection(
      Channel channel, FrameListener listener, CompletableFuture<ServerConnection> ready) {
    this.channel = channel;
    this.listener = listener;
    this.ready = ready;
  }

  /** Why the server closed this connection, once it said so; null until then, or if it did not. */
  public ServerFrame.Bye bye() {
    return bye;
  }

  /** What the server said in its hello: version, node and frame limit. */
  public ServerFrame.HelloOk hello() {
    return hello;
  }

  public long nextRequestId() {
    return requestIds.incrementAndGet();
  }

  /**
   * Sends a frame that carries a request id and completes with the reply; an {@link
   * ServerFrame.ErrorReply} completes it exceptionally with a {@link ServerErrorException}.
   */
  public CompletableFuture<ServerFrame> request(long requestId, ClientFrame frame) {
    CompletableFuture<ServerFrame> reply = new CompletableFuture<>();
    requests.put(requestId, reply);
    write(frame, reply);
    return reply;
  }

  /** Sends a message and completes with the server's Stored, Busy or Rejected for its id. */
  public CompletableFuture<ServerFrame> submit(UUID id, ClientFrame frame) {
    CompletableFuture<ServerFrame> reply = new CompletableFuture<>();
    messages.put(id, reply);
    write(frame, reply);
    return reply;
  }

  /** Sends a frame that has no reply (acks, pongs). */
  public void send(ClientFrame frame) {
    channel.writeAndFlush(frame, channel.voidPromise());
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** The channel, for tests that must misbehave on purpose. */
  public Channel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }

  private void write(ClientFrame frame, CompletableFuture<ServerFrame> reply) {
    channel
        .writeAndFlush(frame)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                reply.completeExceptionally(
                    new ConnectionLostException("the connection is closed"));
              }
            });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        ctx.writeAndFlush(
            new ClientFrame.Hello(
                ProtocolVersion.CURRENT, "securechat-client/" + SoftwareVersion.current()));
      } else {
        failure = rootCause(done.cause());
        ready.completeExceptionally(failure);
        ctx.close();
      }
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ServerFrame frame) {
    switch (frame) {
      case ServerFrame.HelloOk h -> {
        hello = h;
        ready.complete(this);
      }
      case ServerFrame.ErrorReply e when e.requestId() != 0 -> fail(e);
      case ServerFrame.ErrorReply e when !ready.isDone() -> {
        ready.completeExceptionally(error(e));
        ctx.close();
      }
      case ServerFrame.Ok ok -> complete(ok.requestId(), ok);
      case ServerFrame.LoginOk ok -> complete(ok.requestId(), ok);
      case ServerFrame.Bundle b -> complete(b.requestId(), b);
      case ServerFrame.SeqState s -> complete(s.requestId(), s);
      case ServerFrame.UserList u -> complete(u.requestId(), u);
      case ServerFrame.Stored s -> completeMessage(s.id(), s);
      case ServerFrame.Busy b -> completeMessage(b.id(), b);
      case ServerFrame.Rejected r -> completeMessage(r.id(), r);
      case ServerFrame.Ping p -> ctx.writeAndFlush(new ClientFrame.Pong(p.nonce()));
      case ServerFrame.Bye b -> {
        bye = b;
        listener.onFrame(b);
      }
      default -> listener.onFrame(frame);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    listener.onReadComplete();
    super.channelReadComplete(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    String why =
        bye != null
            ? bye.message()
            : failure != null ? failure.getMessage() : "the server closed the connection";
    ConnectionLostException lost = new ConnectionLostException(why);
    if (!ready.isDone()) {
      ready.completeExceptionally(failure != null ? failure : lost);
    }
    requests.values().forEach(f -> f.completeExceptionally(lost));
    messages.values().forEach(f -> f.completeExceptionally(lost));
    requests.clear();
    messages.clear();
    listener.onClosed(bye);
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    failure = rootCause(cause);
    ctx.close();
  }

  private void complete(long requestId, ServerFrame frame) {
    CompletableFuture<ServerFrame> f = requests.remove(requestId);
    if (f != null) {
      f.complete(frame);
    }
  }

  private void completeMessage(UUID id, ServerFrame frame) {
    CompletableFuture<ServerFrame> f = messages.remove(id);
    if (f != null) {
      f.complete(frame);
    }
  }

  private void fail(ServerFrame.ErrorReply e) {
    CompletableFuture<ServerFrame> f = requests.remove(e.requestId());
    if (f != null) {
      f.completeExceptionally(error(e));
    }
  }

  private static ServerErrorException error(ServerFrame.ErrorReply e) {
    return new ServerErrorException(e.code(), e.message(), Duration.ofMillis(e.retryAfterMillis()));
  }

  /** The most specific cause, so a pinning refusal is not hidden behind TLS wrappers. */
  static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      if (c instanceof ServerKeyChangedException) {
        return c;
      }
      c = c.getCause();
    }
    return c;
  }
}
