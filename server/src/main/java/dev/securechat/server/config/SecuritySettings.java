package dev.securechat.server.config;

import java.time.Duration;

/**
 * {@code [Security]}: the Argon2id cost for login secrets and the failed-login limits. The first
 * {@code loginFreeFailures} failures for a username (and {@code addressFreeFailures} for an
 * address) cost nothing; after that each failure doubles the wait, up to {@code maxLockout}. One
 * address may attempt at most {@code registrationsPerAddressPerHour} registrations in any hour.
 */
public record SecuritySettings(
    int argon2MemoryKib,
    int argon2Iterations,
    int argon2Parallelism,
    int loginFreeFailures,
    int addressFreeFailures,
    Duration maxLockout,
    int registrationsPerAddressPerHour) {}
