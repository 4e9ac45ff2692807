package dev.securechat.bench.load;

import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ProtocolVersion;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.SoftwareVersion;
import dev.securechat.protocol.Stream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated client on one connection, speaking the protocol directly (no outbox, no end-to-end
 * layer: the server sees opaque envelopes anyway). It greets, logs in as its {@link LoginMode}
 * says, answers pings, acknowledges deliveries cumulatively once per read burst as the real client
 * does, and hands messages and answers to the scenario's {@link Traffic}.
 */
public final class LoadClient extends SimpleChannelInboundHandler<ServerFrame> {
  private static final String SOFTWARE = "securechat-bench/" + SoftwareVersion.current();
  private static final long REGISTER_REQUEST = 1;
  private static final long LOGIN_REQUEST = 2;

  private final Account account;
  private final LoginMode mode;
  private final ServerTrust trust;
  private final ClientEvents events;
  private final Traffic traffic;
  private final CompletableFuture<LoginResult> ready = new CompletableFuture<>();
  private volatile Channel channel;
  private ChannelHandlerContext ctx;
  private boolean fullHandshake;
  private ServerFrame.Bye bye;
  private volatile boolean closing;
  private long handledDirect;
  private long handledBroadcast;
  private long ackedDirect;
  private long ackedBroadcast;

  public LoadClient(
      Account account, LoginMode mode, ServerTrust trust, ClientEvents events, Traffic traffic) {
    this.account = account;
    this.mode = mode;
    this.trust = trust;
    this.events = events;
    this.traffic = traffic;
  }

  public Account account() {
    return account;
  }

  /** Completes when logged in (or, with {@link LoginMode#NONE}, greeted); fails otherwise. */
  public CompletableFuture<LoginResult> ready() {
    return ready;
  }

  public EventLoop eventLoop() {
    return channel.eventLoop();
  }

  public boolean isActive() {
    Channel c = channel;
    return c != null && c.isActive();
  }

  /** Queues a frame; it goes out at the end of this read burst or at the next {@link #flush()}. */
  public void write(ClientFrame frame) {
    ctx.write(frame, ctx.voidPromise());
  }

  public void flush() {
    ctx.flush();
  }

  /** Closes the connection on purpose: it is not counted as a disconnect. */
  public void close() {
    closing = true;
    Channel c = channel;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.channel = ctx.channel();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent done) {
      fullHandshake = trust.completed(ctx.pipeline().get(SslHandler.class).engine());
      if (done.isSuccess()) {
        ctx.writeAndFlush(new ClientFrame.Hello(ProtocolVersion.CURRENT, SOFTWARE));
      } else {
        fail("tls: " + done.cause().getClass().getSimpleName(), done.cause().getMessage());
      }
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ServerFrame frame) {
    switch (frame) {
      case ServerFrame.Deliver d -> deliver(d);
      case ServerFrame.Stored s -> traffic.answered(this, s);
      case ServerFrame.Busy b -> traffic.answered(this, b);
      case ServerFrame.Rejected r -> traffic.answered(this, r);
      case ServerFrame.Ping p -> write(new ClientFrame.Pong(p.nonce()));
      case ServerFrame.HelloOk h -> authenticate();
      case ServerFrame.Ok ok when ok.requestId() == REGISTER_REQUEST -> login();
      case ServerFrame.LoginOk ok -> loggedIn(ok);
      case ServerFrame.ErrorReply e -> errorReply(e);
      case ServerFrame.Bye b -> bye = b;
      default -> {
        // Presence, PresenceChange, Pong and other replies: nothing to do for a load client.
      }
    }
  }

  private void authenticate() {
    switch (mode) {
      case RESUME ->
          ctx.write(new ClientFrame.Resume(1, account.username(), account.deviceToken()));
      case PASSWORD -> login();
      case REGISTER ->
          ctx.write(
              new ClientFrame.Register(
                  REGISTER_REQUEST,
                  account.username(),
                  account.loginSecret(),
                  Registration.identityKey(account),
                  Registration.keyBundle(),
                  List.of()));
      case NONE -> ready.complete(new LoginResult(fullHandshake, new byte[0], System.nanoTime()));
    }
  }

  private void login() {
    ctx.write(new ClientFrame.Login(LOGIN_REQUEST, account.username(), account.loginSecret()));
  }

  private void loggedIn(ServerFrame.LoginOk ok) {
    if (ready.isDone()) {
      return;
    }
    // The scenario first, then whoever waits for the login: it finds the scenario ready.
    traffic.loggedIn(this);
    ready.complete(new LoginResult(fullHandshake, ok.deviceToken(), System.nanoTime()));
  }

  private void errorReply(ServerFrame.ErrorReply e) {
    if (ready.isDone()) {
      events.problem("error: " + e.code());
    } else if (mode == LoginMode.REGISTER
        && e.requestId() == REGISTER_REQUEST
        && e.code() == ErrorCode.USERNAME_TAKEN) {
      login(); // made by an earlier run with the same account prefix
    } else {
      fail("login: " + e.code(), e.message());
    }
  }

  private void deliver(ServerFrame.Deliver d) {
    long now = System.nanoTime();
    boolean direct = d.stream() == Stream.DIRECT;
    long handled = direct ? handledDirect : handledBroadcast;
    if (d.qseq() <= handled) {
      events.redelivered();
      return;
    }
    // Queue numbers are contiguous per recipient; broadcast positions skip one's own broadcasts.
    if (direct && handled > 0 && d.qseq() != handled + 1) {
      events.qseqGap();
    }
    if (direct) {
      handledDirect = d.qseq();
    } else {
      handledBroadcast = d.qseq();
    }
    traffic.delivered(this, d, now);
  }

  /** One cumulative ack per stream per read burst, then everything written goes out at once. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    if (handledDirect > ackedDirect) {
      ackedDirect = handledDirect;
      ctx.write(new ClientFrame.Ack(Stream.DIRECT, handledDirect), ctx.voidPromise());
    }
    if (handledBroadcast > ackedBroadcast) {
      ackedBroadcast = handledBroadcast;
      ctx.write(new ClientFrame.Ack(Stream.BROADCAST, handledBroadcast), ctx.voidPromise());
    }
    ctx.flush();
    super.channelReadComplete(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    String why = bye == null ? "connection lost" : bye.code().name();
    if (!ready.isDone()) {
      fail("closed before login: " + why, bye == null ? "" : bye.message());
    } else if (!closing) {
      events.problem("disconnect: " + why);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable root = cause.getCause() != null ? cause.getCause() : cause;
    if (ready.isDone()) {
      events.problem("exception: " + root.getClass().getSimpleName());
    } else {
      fail("exception: " + root.getClass().getSimpleName(), String.valueOf(root.getMessage()));
    }
    ctx.close();
  }

  /** The TCP connection could not be made. */
  void connectFailed(Throwable cause) {
    SslHandler ssl = ctx == null ? null : ctx.pipeline().get(SslHandler.class);
    if (ssl != null) {
      trust.completed(ssl.engine());
    }
    ready.completeExceptionally(
        new LoginFailedException(
            "connect: " + cause.getClass().getSimpleName(), String.valueOf(cause.getMessage())));
  }

  /** Gives up on a login that takes too long: the server is expected to answer or close. */
  void timedOut() {
    ready.completeExceptionally(new LoginFailedException("login: no answer in time", ""));
    close();
  }

  private void fail(String kind, String detail) {
    if (ready.completeExceptionally(new LoginFailedException(kind, detail))) {
      closing = true;
      ctx.close();
    }
  }
}
