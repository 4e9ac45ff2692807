package dev.securechat.bench.traffic;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a relay or broadcast run sends.
 *
 * @param names every account's username, by client index
 * @param senders how many clients send (the first ones); all of them receive
 * @param broadcast broadcasts to everyone rather than direct messages to random peers
 * @param size envelope bytes
 * @param window most unconfirmed messages per sender
 * @param rate messages per second over all senders; 0 for flat out
 * @param filler random bytes the envelopes are cut from, as long as the largest envelope
 */
public record Plan(
    List<String> names,
    int senders,
    boolean broadcast,
    int size,
    int window,
    double rate,
    Duration warmup,
    Duration duration,
    Duration drainTimeout,
    byte[] filler) {

  public static final int MIN_SIZE = Stamp.BYTES;

  public Plan {
    names = List.copyOf(names);
    if (size < MIN_SIZE || filler.length < size) {
      throw new IllegalArgumentException("an envelope of " + size + " B cannot hold a stamp");
    }
    if (!broadcast && names.size() < 2) {
      throw new IllegalArgumentException("direct messages need at least 2 clients");
    }
  }

  public static byte[] randomFiller(int size) {
    byte[] filler = new byte[size];
    new SecureRandom().nextBytes(filler);
    return filler;
  }

  int clients() {
    return names.size();
  }

  boolean flatOut() {
    return rate <= 0;
  }

  String name(int index) {
    return names.get(index);
  }

  /** A peer other than {@code self}, uniformly. */
  int randomPeer(int self) {
    int r = ThreadLocalRandom.current().nextInt(names.size() - 1);
    return r >= self ? r + 1 : r;
  }
}
