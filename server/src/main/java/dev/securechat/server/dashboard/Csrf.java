package dev.securechat.server.dashboard;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The synchronizer-token check for every state-changing request: the page's script sends its
 * session's token in a header, a plain form sends it as a field. SameSite=Strict already keeps the
 * cookie off cross-site requests; this is the second lock on the same door.
 */
final class Csrf {
  static final String HEADER = "X-CSRF-Token";
  static final String FIELD = "csrf";

  private Csrf() {}

  static boolean valid(Context ctx, AdminSession session) {
    String sent = ctx.header(HEADER);
    if (sent == null && isForm(ctx)) {
      sent = ctx.formParam(FIELD);
    }
    return sent != null
        && MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8),
            session.csrfToken().getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isForm(Context ctx) {
    String type = ctx.contentType();
    return type != null && type.startsWith("application/x-www-form-urlencoded");
  }
}
