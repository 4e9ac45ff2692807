package dev.securechat.server.auth;

import java.time.Duration;

/** What the account service needs from the [Security] section. */
public record AuthSettings(
    int argon2MemoryKib,
    int argon2Iterations,
    int argon2Parallelism,
    int freeUserFailures,
    int freeAddressFailures,
    Duration maxLockout,
    int registrationsPerAddressPerHour) {}
