package dev.securechat.bench.load;

/**
 * A finished login.
 *
 * @param fullHandshake whether TLS needed a full handshake (false: the session was resumed)
 * @param deviceToken the token a password login returned; empty after a resume
 * @param nanos {@link System#nanoTime()} when {@code LoginOk} arrived
 */
public record LoginResult(boolean fullHandshake, byte[] deviceToken, long nanos) {}
