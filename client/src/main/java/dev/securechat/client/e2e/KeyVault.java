package dev.securechat.client.e2e;

import dev.securechat.client.state.ClientState;
import dev.securechat.client.state.SecretRecords;
import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.IdentityKeys;
import dev.securechat.crypto.keys.PreKeys;
import dev.securechat.crypto.primitives.Argon2id;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.store.StoreKey;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * The account's own keys, unlocked from the sealed store with the password: identity and prekeys,
 * plus the sealed-record access that the ciphers share. Prekeys change when initiations consume
 * one-time prekeys, so they are read and saved under this object's lock.
 */
final class KeyVault implements AutoCloseable {
  static final String IDENTITY = "identity";
  static final String PREKEYS = "prekeys";

  private final String username;
  private final IdentityKeys identity;
  private final SecretRecords secrets;
  private PreKeys preKeys;

  private KeyVault(String username, IdentityKeys identity, PreKeys preKeys, SecretRecords secrets) {
    this.username = username;
    this.identity = identity;
    this.preKeys = preKeys;
    this.secrets = secrets;
  }

  /** Makes new keys for a registration and seals them under the password. */
  static KeyVault create(
      String username,
      char[] password,
      ClientState state,
      Argon2id.Cost cost,
      boolean testCost,
      SecureRandom random,
      Instant now) {
    StoreKey.Created key =
        testCost
            ? StoreKey.createForTestsOnly(password, cost, random)
            : StoreKey.create(password, cost, random);
    IdentityKeys identity = IdentityKeys.generate(random);
    // generate() already makes the first batch of one-time prekeys.
    PreKeys preKeys = PreKeys.generate(identity, random, now);
    SecretRecords secrets = new SecretRecords(state.db(), key.dataKey(), random);
    Bytes.wipe(key.dataKey());
    state
        .db()
        .transaction(
            () -> {
              state.saveStoreKeyHeader(key.header());
              secrets.put(IDENTITY, "", identity.serialize());
              secrets.put(PREKEYS, "", preKeys.serialize());
              return null;
            });
    return new KeyVault(username, identity, preKeys, secrets);
  }

  /** Opens the sealed store; a wrong password and a damaged header are the same failure. */
  static KeyVault unlock(String username, char[] password, ClientState state, SecureRandom random)
      throws InvalidMessageException {
    byte[] header =
        state
            .storeKeyHeader()
            .orElseThrow(() -> new InvalidMessageException("no keys for this account here"));
    byte[] dataKey = StoreKey.unlock(header, password);
    SecretRecords secrets = new SecretRecords(state.db(), dataKey, random);
    Bytes.wipe(dataKey);
    IdentityKeys identity =
        IdentityKeys.parse(
            secrets
                .get(IDENTITY, "")
                .orElseThrow(() -> new InvalidMessageException("no identity")));
    PreKeys preKeys =
        PreKeys.parse(
            secrets.get(PREKEYS, "").orElseThrow(() -> new InvalidMessageException("no prekeys")));
    return new KeyVault(username, identity, preKeys, secrets);
  }

  String username() {
    return username;
  }

  IdentityKeys identity() {
    return identity;
  }

  SecretRecords secrets() {
    return secrets;
  }

  /** A copy to read from (the responder side never changes it). */
  synchronized PreKeys preKeys() {
    return preKeys.copy();
  }

  /** Replaces the prekeys and saves them; call inside the transaction that needs them saved. */
  synchronized void savePreKeys(PreKeys updated) {
    secrets.put(PREKEYS, "", updated.serialize());
    this.preKeys = updated;
  }

  @Override
  public void close() {
    secrets.close();
    identity.wipe();
  }
}
