package dev.securechat.crypto.session;

/**
 * The session after sending and the finished message. The client commits both (session and outbox
 * entry) before sending; a retry resends these bytes and never encrypts again.
 */
public record EncryptResult(PeerSession session, byte[] message) {}
