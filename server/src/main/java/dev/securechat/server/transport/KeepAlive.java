package dev.securechat.server.transport;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Pings a connection from which nothing has been read for a ping interval, and closes it once
 * nothing has been read for the idle timeout. Only reads count: a client that only receives
 * (presence, deliveries it has not acked yet) still gets pinged, so its pongs keep it open.
 */
final class KeepAlive extends ChannelInboundHandlerAdapter {
  private final long pingsBeforeClose;
  private long nonce;
  private long silentIntervals;

  /**
   * Closes at the first ping interval boundary at or after {@code idleTimeout}, which must exceed
   * {@code pingInterval} (the config loader checks that), so at least one ping goes out first.
   */
  KeepAlive(Duration pingInterval, Duration idleTimeout) {
    this.pingsBeforeClose =
        Math.max(2, Math.ceilDiv(idleTimeout.toMillis(), pingInterval.toMillis()));
  }

  /** The idle detector this handler listens to: one event per ping interval without a read. */
  static IdleStateHandler detector(Duration pingInterval) {
    return new IdleStateHandler(pingInterval.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.READER_IDLE) {
        silentIntervals = idle.isFirst() ? 1 : silentIntervals + 1;
        if (silentIntervals >= pingsBeforeClose) {
          ctx.writeAndFlush(new ServerFrame.Bye(ErrorCode.IDLE_TIMEOUT, "no answer to pings"))
              .addListener(ChannelFutureListener.CLOSE);
        } else {
          ctx.writeAndFlush(new ServerFrame.Ping(++nonce));
        }
      }
      return;
    }
    super.userEventTriggered(ctx, event);
  }
}
