package dev.securechat.client;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** UUIDv7 (RFC 9562): a millisecond timestamp then random bits, so ids sort by creation. */
final class Uuids {
  private Uuids() {}

  static UUID v7(Clock clock, SecureRandom random) {
    long millis = clock.millis();
    long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }
}
