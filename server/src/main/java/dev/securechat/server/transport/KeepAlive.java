package dev.securechat.server.transport;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/** Pings a connection that has been quiet, and closes one that stopped answering. */
final class KeepAlive extends ChannelInboundHandlerAdapter {
  private long nonce;

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.READER_IDLE) {
        ctx.writeAndFlush(new ServerFrame.Bye(ErrorCode.IDLE_TIMEOUT, "no answer to pings"))
            .addListener(ChannelFutureListener.CLOSE);
      } else if (idle.state() == IdleState.ALL_IDLE) {
        ctx.writeAndFlush(new ServerFrame.Ping(++nonce));
      }
      return;
    }
    super.userEventTriggered(ctx, event);
  }
}
