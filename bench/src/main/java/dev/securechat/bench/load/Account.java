package dev.securechat.bench.load;

import java.util.Objects;

/**
 * One simulated user: its index in the run (peers and envelopes name each other by it), its
 * username, the login secret a password login would send, and the device token a resume sends.
 * Arrays are shared, not copied: nothing changes them.
 */
public record Account(int index, String username, byte[] loginSecret, byte[] deviceToken) {
  public Account {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(loginSecret, "loginSecret");
  }

  /** The same account with the token a password login returned. */
  public Account withDeviceToken(byte[] token) {
    return new Account(index, username, loginSecret, token);
  }

  @Override
  public String toString() {
    return "Account[" + index + ", " + username + "]";
  }
}
