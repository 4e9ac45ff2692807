package dev.securechat.client;

import dev.securechat.client.net.ServerErrorException;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.Limits;
import dev.securechat.protocol.ServerFrame;
import java.time.Duration;

/** Checks on the server's replies, which come from a party the client does not trust. */
final class Replies {
  private Replies() {}

  /**
   * The server's reply to a request, which must be of the type that request is answered with: a
   * hostile or broken server gets a protocol error, not a ClassCastException in the caller.
   */
  static <T extends ServerFrame> T expect(ServerFrame reply, Class<T> type) {
    if (!type.isInstance(reply)) {
      throw new ServerErrorException(
          ErrorCode.UNEXPECTED_FRAME,
          "the server answered with " + reply.type() + " instead of " + type.getSimpleName(),
          Duration.ZERO);
    }
    return type.cast(reply);
  }

  /**
   * The reply to a login or resume as {@code requested}. Checked before anything is stored under
   * its name: the name picks the local state folder, so a server must not choose another account's,
   * or a path outside the folder.
   */
  static ServerFrame.LoginOk loginOk(String requested, ServerFrame reply) {
    ServerFrame.LoginOk ok = expect(reply, ServerFrame.LoginOk.class);
    int tokenBytes = ok.deviceToken().length;
    if (!requested.equals(ok.username())
        || (tokenBytes != 0 && tokenBytes != Limits.DEVICE_TOKEN_BYTES)) {
      throw new ServerErrorException(
          ErrorCode.BAD_REQUEST,
          "the server's login reply does not match the request",
          Duration.ZERO);
    }
    return ok;
  }
}
