package dev.securechat.crypto.session;

import java.util.Optional;

/**
 * The session after a message decrypted, the plaintext, and for the first message of a new
 * initiation what to commit with it. The client saves all of it before it shows the plaintext.
 */
public record DecryptResult(
    PeerSession session, byte[] plaintext, Optional<InitiationCommit> commit) {

  @Override
  public String toString() {
    return "DecryptResult[commit=" + commit.isPresent() + "]";
  }
}
