package dev.securechat.protocol;

/** The two delivery streams a client receives: its own queue and the shared broadcast log. */
public enum Stream {
  DIRECT(0),
  BROADCAST(1);

  private final int wire;

  Stream(int wire) {
    this.wire = wire;
  }

  public int wire() {
    return wire;
  }

  static Stream fromWire(int value) throws MalformedFrameException {
    return switch (value) {
      case 0 -> DIRECT;
      case 1 -> BROADCAST;
      default ->
          throw new MalformedFrameException(ErrorCode.MALFORMED_FRAME, "unknown stream " + value);
    };
  }
}
