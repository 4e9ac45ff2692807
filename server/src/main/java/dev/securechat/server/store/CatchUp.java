package dev.securechat.server.store;

/**
 * Where a returning account resumes the broadcast log.
 *
 * @param cursor the last broadcast counted as handled; deliver from {@code cursor + 1}
 * @param missed broadcasts pruned before the account came back, which it will never get
 */
public record CatchUp(long cursor, long missed) {}
