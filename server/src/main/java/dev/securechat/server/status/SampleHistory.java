package dev.securechat.server.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fixed-size ring of the most recent samples: an hour of per-second samples is 3,600 small
 * records, so the charts never need a database and memory stays bounded however long the server
 * runs.
 */
final class SampleHistory {
  private final Sample[] ring;
  private int next;
  private int size;

  SampleHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.ring = new Sample[capacity];
  }

  synchronized void add(Sample sample) {
    ring[next] = sample;
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
  }

  /** Oldest first. */
  synchronized List<Sample> all() {
    List<Sample> out = new ArrayList<>(size);
    int start = (next - size + ring.length) % ring.length;
    for (int i = 0; i < size; i++) {
      out.add(ring[(start + i) % ring.length]);
    }
    return out;
  }

  synchronized Optional<Sample> latest() {
    return size == 0 ? Optional.empty() : Optional.of(ring[(next - 1 + ring.length) % ring.length]);
  }

  int capacity() {
    return ring.length;
  }
}
