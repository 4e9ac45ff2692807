package dev.securechat.server.store;

/**
 * A storage operation failed (database unreachable, disk full, locked, constraint broken by a bug).
 * The message names the operation only; the cause is the driver's exception, which never quotes
 * bound values because PostgreSQL error details are turned off.
 */
public final class StoreException extends RuntimeException {

  private final String operation;

  public StoreException(String operation, Throwable cause) {
    super(operation + " failed", cause);
    this.operation = operation;
  }

  /** The operation that failed, e.g. {@code accounts.create}. */
  public String operation() {
    return operation;
  }
}
