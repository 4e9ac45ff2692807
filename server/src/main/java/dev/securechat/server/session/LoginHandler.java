package dev.securechat.server.session;

import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ProtocolVersion;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.auth.AuthResult;
import dev.securechat.server.status.ConnectionStats;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first phase of a connection: the hello exchange, then registration and login. On a successful
 * login it hands the connection to a {@link ChatHandler} and leaves the pipeline.
 */
public final class LoginHandler extends SimpleChannelInboundHandler<ClientFrame> {
  private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);

  private final SessionServices services;
  private final ConnectionStats stats;
  private boolean greeted;
  private boolean requestInFlight;

  public LoginHandler(SessionServices services, ConnectionStats stats) {
    this.services = services;
    this.stats = stats;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ClientFrame frame) {
    if (!greeted) {
      hello(ctx, frame);
      return;
    }
    switch (frame) {
      case ClientFrame.Ping p -> ctx.writeAndFlush(new ServerFrame.Pong(p.nonce()));
      case ClientFrame.Pong p -> {}
      case ClientFrame.Register r ->
          authenticate(
              ctx, r.requestId(), () -> services.accountService().register(r, stats.address()));
      case ClientFrame.Login l ->
          authenticate(
              ctx,
              l.requestId(),
              () ->
                  services.accountService().login(l.username(), l.loginSecret(), stats.address()));
      case ClientFrame.Resume r ->
          authenticate(
              ctx,
              r.requestId(),
              () ->
                  services.accountService().resume(r.username(), r.deviceToken(), stats.address()));
      default ->
          ctx.writeAndFlush(
              new ServerFrame.ErrorReply(
                  requestIdOf(frame), ErrorCode.NOT_AUTHENTICATED, "log in first", 0));
    }
  }

  private void hello(ChannelHandlerContext ctx, ClientFrame frame) {
    if (!(frame instanceof ClientFrame.Hello hello)) {
      fail(ctx, ErrorCode.UNEXPECTED_FRAME, "the first frame must be Hello");
      return;
    }
    if (!ProtocolVersion.supports(hello.protocolVersion())) {
      String upgrade =
          hello.protocolVersion() > ProtocolVersion.CURRENT
              ? "upgrade the server"
              : "upgrade the client";
      fail(
          ctx,
          ErrorCode.PROTOCOL_VERSION_MISMATCH,
          "the server speaks protocol %d to %d and the client speaks %d: %s"
              .formatted(
                  ProtocolVersion.OLDEST_SUPPORTED,
                  ProtocolVersion.CURRENT,
                  hello.protocolVersion(),
                  upgrade));
      return;
    }
    greeted = true;
    ctx.writeAndFlush(
        new ServerFrame.HelloOk(
            ProtocolVersion.CURRENT,
            services.software(),
            services.node(),
            services.maxFrameBytes()));
  }

  /**
   * Starts one authentication at a time per connection: a client that floods Login frames gets
   * refusals, not a queue of Argon2 runs.
   */
  private void authenticate(
      ChannelHandlerContext ctx, long requestId, Supplier<CompletableFuture<AuthResult>> start) {
    if (requestInFlight) {
      ctx.writeAndFlush(
          new ServerFrame.ErrorReply(requestId, ErrorCode.BAD_REQUEST, "one request at a time", 0));
      return;
    }
    requestInFlight = true;
    start
        .get()
        .whenCompleteAsync(
            (result, error) -> {
              requestInFlight = false;
              if (error != null) {
                log.error("Authentication failed with an internal error", error);
                ctx.writeAndFlush(
                    new ServerFrame.ErrorReply(requestId, ErrorCode.INTERNAL, "internal error", 0));
                return;
              }
              switch (result) {
                case AuthResult.Registered r -> ctx.writeAndFlush(new ServerFrame.Ok(requestId));
                case AuthResult.Refused r -> {
                  services.status().loginFailed();
                  ctx.writeAndFlush(
                      new ServerFrame.ErrorReply(
                          requestId, r.code(), r.message(), r.retryAfter().toMillis()));
                }
                case AuthResult.Granted g -> loggedIn(ctx, requestId, g);
              }
            },
            ctx.executor());
  }

  private void loggedIn(ChannelHandlerContext ctx, long requestId, AuthResult.Granted g) {
    if (!ctx.channel().isActive()) {
      return;
    }
    ChatSession session =
        new ChatSession(
            g.account(),
            g.sessionNo(),
            g.broadcastCursor(),
            stats.address(),
            ctx.channel(),
            services);
    services.status().loggedIn(stats, session.username());
    ctx.pipeline().replace(this, ctx.name(), new ChatHandler(services, session));
    ctx.pipeline().fireUserEventTriggered(new LoggedIn(session.username()));
    ctx.writeAndFlush(
        new ServerFrame.LoginOk(
            requestId, session.username(), g.deviceToken(), g.sessionNo(), g.missedBroadcasts()));
    boolean replacedHere = services.registry().attach(session);
    // The session number is already raised in the store; the directory now claims the account
    // and has an older session elsewhere closed. Only then are the queues read.
    services
        .directory()
        .loggedIn(session, replacedHere)
        .thenCompose(claimed -> services.directory().online())
        .whenCompleteAsync(
            (online, error) -> {
              if (error != null) {
                // Directories never fail their futures; this is a bug, but the user may still chat.
                log.error("Presence after login failed", error);
                online = services.registry().online();
              }
              ctx.channel()
                  .writeAndFlush(
                      new ServerFrame.Presence(services.registry().presenceSnapshot(online)));
              session.startDelivery();
            },
            ctx.executor());
  }

  private static void fail(ChannelHandlerContext ctx, ErrorCode code, String message) {
    ctx.writeAndFlush(new ServerFrame.ErrorReply(0, code, message, 0))
        .addListener(ChannelFutureListener.CLOSE);
  }

  static long requestIdOf(ClientFrame frame) {
    return switch (frame) {
      case ClientFrame.Register r -> r.requestId();
      case ClientFrame.Login l -> l.requestId();
      case ClientFrame.Resume r -> r.requestId();
      case ClientFrame.Logout l -> l.requestId();
      case ClientFrame.FetchBundle f -> f.requestId();
      case ClientFrame.UploadPreKeys u -> u.requestId();
      case ClientFrame.UpdateBundle b -> b.requestId();
      case ClientFrame.SeqQuery q -> q.requestId();
      case ClientFrame.ListUsers l -> l.requestId();
      default -> 0;
    };
  }
}
