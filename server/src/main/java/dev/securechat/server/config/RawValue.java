package dev.securechat.server.config;

/** A setting's text before it is parsed, with where it came from for the error message. */
record RawValue(String text, ConfigSource source) {}
