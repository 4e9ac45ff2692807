package dev.securechat.server.session;

/**
 * Fired through the whole pipeline when a connection has logged in, so that transport handlers (the
 * login deadline) can react without the session layer knowing them.
 */
public record LoggedIn(String username) {}
