package dev.securechat.client;

/** A session the server granted. */
public record LoginInfo(String username, long sessionNo, long missedBroadcasts) {}
