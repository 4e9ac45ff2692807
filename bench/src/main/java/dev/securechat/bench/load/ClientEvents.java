package dev.securechat.bench.load;

import java.util.concurrent.atomic.LongAdder;

/**
 * What went wrong for the simulated clients, shared by all of them: failed connections and logins,
 * disconnects the bench did not ask for, and delivery streams that broke the server's promises.
 */
public final class ClientEvents {
  /** "connect: ...", "login: CODE", "disconnect: CODE or lost", "error: CODE", "exception: ...". */
  private final Tally problems = new Tally();

  /** A Deliver whose qseq was at or below one already handled on the same connection. */
  private final LongAdder redeliveries = new LongAdder();

  /** A direct Deliver whose qseq skipped numbers: the queue numbers are contiguous. */
  private final LongAdder qseqGaps = new LongAdder();

  public void problem(String kind) {
    problems.add(kind);
  }

  void redelivered() {
    redeliveries.increment();
  }

  void qseqGap() {
    qseqGaps.increment();
  }

  public Tally problems() {
    return problems;
  }

  public long redeliveries() {
    return redeliveries.sum();
  }

  public long qseqGaps() {
    return qseqGaps.sum();
  }
}
