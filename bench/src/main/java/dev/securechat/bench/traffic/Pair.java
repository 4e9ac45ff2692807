package dev.securechat.bench.traffic;

import java.util.ArrayDeque;

/**
 * One sender's state for one destination: a peer, or the broadcast pair "*". Seqs count up by one
 * from 1, as the server requires; unconfirmed messages are kept in seq order so that after a {@code
 * Busy} (or the {@code SEQ_GAP}s that follow it) the whole pair can be sent again in order, as the
 * real client's outbox does.
 */
final class Pair {
  final int peer;
  long nextSeq = 1;
  long storedUpTo;
  boolean blocked;
  final ArrayDeque<Pending> unconfirmed = new ArrayDeque<>();

  Pair(int peer) {
    this.peer = peer;
  }
}
