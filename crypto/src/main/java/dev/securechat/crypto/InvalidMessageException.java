package dev.securechat.crypto;

/**
 * A message, token, key or signature that does not verify. Deliberately carries no detail of which
 * check failed: callers answer every such failure the same way.
 */
public final class InvalidMessageException extends Exception {
  public InvalidMessageException(String what) {
    super(what);
  }
}
