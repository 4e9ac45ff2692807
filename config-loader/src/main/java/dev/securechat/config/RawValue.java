package dev.securechat.config;

/** A setting's text before it is parsed, with where it came from for the error message. */
public record RawValue(String text, ConfigSource source) {}
