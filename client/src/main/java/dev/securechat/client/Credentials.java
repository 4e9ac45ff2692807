package dev.securechat.client;

import dev.securechat.client.net.ServerErrorException;
import dev.securechat.crypto.LoginSecret;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.Usernames;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A canonical username and the login secret derived from the password (never the password). */
record Credentials(String username, byte[] secret) {

  /**
   * Checks the password rules, then derives the secret off the caller's thread and the network
   * thread (Argon2 takes a while). The password array is copied and the copy wiped.
   */
  static CompletableFuture<Credentials> derive(String name, char[] password) {
    Optional<String> canonical = Usernames.normalize(name);
    if (canonical.isEmpty()) {
      return CompletableFuture.failedFuture(invalidName());
    }
    if (password.length < ChatClient.MIN_PASSWORD_LENGTH) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "the password must have at least " + ChatClient.MIN_PASSWORD_LENGTH + " characters"));
    }
    if (sameIgnoringCase(password, canonical.get())) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("the password must not be the username"));
    }
    char[] copy = Arrays.copyOf(password, password.length);
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new Credentials(canonical.get(), LoginSecret.derive(canonical.get(), copy));
          } finally {
            Arrays.fill(copy, '\0');
          }
        });
  }

  static ServerErrorException invalidName() {
    return new ServerErrorException(
        ErrorCode.USERNAME_INVALID, ErrorCode.USERNAME_INVALID.description(), Duration.ZERO);
  }

  /** Compares without making a String of the password, which could not be wiped. */
  private static boolean sameIgnoringCase(char[] password, String name) {
    if (password.length != name.length()) {
      return false;
    }
    for (int i = 0; i < password.length; i++) {
      if (Character.toLowerCase(password[i]) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Keeps the secret out of logs and exception messages. */
  @Override
  public String toString() {
    return "Credentials[" + username + "]";
  }
}
