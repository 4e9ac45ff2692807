package dev.securechat.protocol;

/** Fixed sizes of the protocol. Configurable limits (frame size) are exchanged in the hello. */
public final class Limits {
  public static final int LOGIN_SECRET_BYTES = 32;
  public static final int DEVICE_TOKEN_BYTES = 32;
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

  /** The largest frame limit a server may be configured with; clients accept frames this big. */
  public static final int MAX_CONFIGURABLE_FRAME_BYTES = 16 * 1024 * 1024;

  /**
   * Room a {@link ServerFrame.Deliver} needs beyond its envelope (length, type, version, stream,
   * qseq, id, sender name, time, envelope length), rounded up. An envelope may be at most the frame
   * limit minus this, so that its delivery always fits in a frame.
   */
  public static final int DELIVER_OVERHEAD = 128;

  /** The recipient name that stands for "everyone" in {@link ClientFrame.SeqQuery}. */
  public static final String BROADCAST_PAIR = "*";

  private Limits() {}

  public static int maxEnvelopeBytes(int maxFrameBytes) {
    return maxFrameBytes - DELIVER_OVERHEAD;
  }
}
