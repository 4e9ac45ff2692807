package dev.securechat.bench.report;

/** How many operations had completed {@code seconds} after the measured phase began. */
public record Sample(double seconds, long count) {}
