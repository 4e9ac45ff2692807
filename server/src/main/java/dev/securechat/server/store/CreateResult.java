package dev.securechat.server.store;

/** The outcome of {@link Accounts#create}. */
public sealed interface CreateResult {

  /** The account exists now under {@code userId}. */
  record Created(long userId) implements CreateResult {}

  /** Another account has this username (compared in lower case). */
  record UsernameTaken() implements CreateResult {}

  /** Another account has published this identity key. */
  record IdentityKeyTaken() implements CreateResult {}
}
