package dev.securechat.server.store;

import java.util.Optional;

/**
 * What a sender needs to start a session with {@code username}; the one-time prekey is empty when
 * the account has none left.
 */
public record PublicBundle(
    String username, byte[] identityKey, byte[] keyBundle, Optional<PreKey> oneTimePreKey) {}
