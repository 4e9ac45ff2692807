package dev.securechat.server.transport;

import dev.securechat.protocol.Frame;
import dev.securechat.server.status.ConnectionStats;
import dev.securechat.server.status.StatusManager;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts what passes it for the status manager: raw bytes when placed below TLS, frames when placed
 * above the codec. One class for both, since they differ only in what they count.
 */
final class TrafficCounter extends ChannelDuplexHandler {
  private final StatusManager status;
  private final ConnectionStats stats;

  TrafficCounter(StatusManager status, ConnectionStats stats) {
    this.status = status;
    this.stats = stats;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      status.bytesIn(stats, buf.readableBytes());
    } else if (msg instanceof Frame) {
      status.frameIn(stats);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf buf) {
      status.bytesOut(stats, buf.readableBytes());
    } else if (msg instanceof Frame) {
      status.frameOut(stats);
    }
    ctx.write(msg, promise);
  }
}
