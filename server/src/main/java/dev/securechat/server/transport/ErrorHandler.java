package dev.securechat.server.transport;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.MalformedFrameException;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.status.StatusManager;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every pipeline. A malformed frame closes that one connection with its error
 * code; expected network failures are logged at debug; anything else is a bug, logged at error, and
 * still only closes the one connection.
 */
@ChannelHandler.Sharable
final class ErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);
  private final StatusManager status;

  ErrorHandler(StatusManager status) {
    this.status = status;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException
        && cause.getCause() instanceof MalformedFrameException m) {
      status.protocolError();
      log.debug("Closing {}: {} ({})", ctx.channel().remoteAddress(), m.code(), m.getMessage());
      ctx.writeAndFlush(new ServerFrame.ErrorReply(0, m.code(), m.getMessage(), 0))
          .addListener(ChannelFutureListener.CLOSE);
    } else if (cause instanceof DecoderException && cause.getCause() instanceof SSLException
        || cause instanceof NotSslRecordException
        || cause instanceof SSLException
        || cause instanceof IOException) {
      log.debug("Closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    } else {
      log.error("Unexpected error on {}; closing it", ctx.channel().remoteAddress(), cause);
      ctx.writeAndFlush(new ServerFrame.ErrorReply(0, ErrorCode.INTERNAL, "internal error", 0))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }
}
