package dev.securechat.client.state;

/** The local state file could not be read or written: a disk problem, shown to the person. */
public final class StateException extends RuntimeException {
  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
