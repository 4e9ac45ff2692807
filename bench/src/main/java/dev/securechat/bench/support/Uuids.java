package dev.securechat.bench.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUIDv7 message ids, as the real client makes them (its helper is package-private): a millisecond
 * timestamp then random bits. Not for anything secret, so a fast random will do.
 */
public final class Uuids {
  private Uuids() {}

  public static UUID v7(long epochMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }
}
