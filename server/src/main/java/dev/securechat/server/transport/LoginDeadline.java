package dev.securechat.server.transport;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.session.LoggedIn;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Closes a connection whose TLS handshake and login have not finished within the deadline. */
final class LoginDeadline extends ChannelInboundHandlerAdapter {
  private final Duration deadline;
  private ScheduledFuture<?> timer;

  LoginDeadline(Duration deadline) {
    this.deadline = deadline;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    timer = ctx.executor().schedule(() -> expire(ctx), deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
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
      ctx.writeAndFlush(
              new ServerFrame.ErrorReply(
                  0, ErrorCode.LOGIN_TIMEOUT, "log in within " + deadline.toSeconds() + " s", 0))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      // No TLS yet, so there is no way to say anything.
      ctx.close();
    }
  }
}
