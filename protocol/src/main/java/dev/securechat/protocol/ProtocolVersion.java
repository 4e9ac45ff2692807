package dev.securechat.protocol;

/** The protocol versions this build speaks; exchanged in {@link ClientFrame.Hello}. */
public final class ProtocolVersion {
  /** The version this build sends. */
  public static final int CURRENT = 1;

  /** The oldest version this build still accepts. */
  public static final int OLDEST_SUPPORTED = 1;

  private ProtocolVersion() {}

  public static boolean supports(int version) {
    return version >= OLDEST_SUPPORTED && version <= CURRENT;
  }
}
