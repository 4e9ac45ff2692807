package dev.securechat.server.transport;

/** Names of the handlers in a connection's pipeline, top to bottom. */
final class PipelineNames {
  static final String TRAFFIC = "traffic";
  static final String TLS = "tls";
  static final String FRAME_DECODER = "frame-decoder";
  static final String FRAME_ENCODER = "frame-encoder";
  static final String FLUSH_CONSOLIDATION = "flush-consolidation";
  static final String FRAME_COUNTER = "frame-counter";
  static final String IDLE = "idle";
  static final String KEEP_ALIVE = "keep-alive";
  static final String LOGIN_DEADLINE = "login-deadline";
  static final String SESSION = "session";
  static final String ERRORS = "errors";

  private PipelineNames() {}
}
