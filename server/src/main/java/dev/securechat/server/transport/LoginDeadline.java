package dev.securechat.server.transport;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.session.LoggedIn;
import dev.securechat.server.status.StatusManager;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose TLS handshake and login have not finished within the deadline, counted
 * from the moment it was accepted, and holds its place among the unauthenticated connections until
 * it logs in or closes.
 */
final class LoginDeadline extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(LoginDeadline.class);

  private final Duration deadline;
  private final UnauthenticatedConnections unauthenticated;
  private final StatusManager status;
  private ScheduledFuture<?> timer;
  private boolean released;

  LoginDeadline(
      Duration deadline, UnauthenticatedConnections unauthenticated, StatusManager status) {
    this.deadline = deadline;
    this.unauthenticated = unauthenticated;
    this.status = status;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    timer = ctx.executor().schedule(() -> expire(ctx), deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs when the handler leaves after a login, and when the channel closes before one. */
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
    if (!released) {
      released = true;
      unauthenticated.release();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof LoggedIn) {
      ctx.pipeline().remove(this);
    }
    super.userEventTriggered(ctx, event);
  }

  private void expire(ChannelHandlerContext ctx) {
    SslHandler tls = ctx.pipeline().get(SslHandler.class);
    if (tls != null && tls.handshakeFuture().isSuccess()) {
      status.loginTimedOut("login");
      log.debug("Closing {}: no login within {}", ctx.channel().remoteAddress(), deadline);
      ctx.writeAndFlush(
              new ServerFrame.ErrorReply(
                  0, ErrorCode.LOGIN_TIMEOUT, "log in within " + deadline.toSeconds() + " s", 0))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      // No TLS yet, so there is no way to say anything.
      status.loginTimedOut("tls");
      log.debug("Closing {}: no TLS handshake within {}", ctx.channel().remoteAddress(), deadline);
      ctx.close();
    }
  }
}
