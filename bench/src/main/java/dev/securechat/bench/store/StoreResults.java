package dev.securechat.bench.store;

import dev.securechat.bench.report.Format;
import dev.securechat.bench.report.LatencySummary;
import dev.securechat.bench.report.Sample;
import dev.securechat.bench.report.Table;
import java.util.List;

/**
 * What a store run measured. {@code commits} are the writer's transactions; with {@code synchronous
 * = FULL} each one ends in an fsync of the WAL, so {@code commitsPerSecond} is the fsync rate the
 * run needed: compare it with the disk's to see whether fsync was the limit.
 */
record StoreResults(
    boolean complete,
    long submitted,
    long stored,
    long duplicates,
    long busy,
    long rejected,
    long failed,
    String firstProblem,
    double seconds,
    double messagesPerSecond,
    double secondHalfMessagesPerSecond,
    long commits,
    double commitsPerSecond,
    double meanBatch,
    LatencySummary submitToStored,
    double longestStallSeconds,
    List<Sample> timeline) {

  static StoreResults of(StoreLoad.Outcome o, long commits, long committedMessages) {
    OutcomeCounts c = o.counts();
    return new StoreResults(
        o.drained(),
        o.submitted(),
        c.stored(),
        c.duplicates(),
        c.busy(),
        c.rejected(),
        c.failed(),
        c.firstProblem(),
        o.seconds(),
        c.stored() / o.seconds(),
        o.secondHalfRate(),
        commits,
        commits / o.seconds(),
        commits == 0 ? 0 : (double) committedMessages / commits,
        LatencySummary.ofNanos(o.latencyNanos()),
        o.longestStallSeconds(),
        o.timeline());
  }

  /** Every message answered with a fresh Stored. */
  boolean clean() {
    return complete && duplicates == 0 && busy == 0 && rejected == 0 && failed == 0;
  }

  Table table() {
    Table t =
        Table.of("store", "value")
            .row("messages stored", Format.count(stored))
            .row("elapsed", Format.seconds(seconds))
            .row("messages/s", Format.rate(messagesPerSecond))
            .row("messages/s, second half", Format.rate(secondHalfMessagesPerSecond))
            .row("commits", Format.count(commits))
            .row("commits/s", Format.rate(commitsPerSecond))
            .row("mean batch (messages)", Format.decimal(meanBatch))
            .row("longest stall", Format.seconds(longestStallSeconds));
    if (!clean()) {
      t.row("submitted", Format.count(submitted))
          .row(
              "duplicate / busy / rejected / failed",
              duplicates + " / " + busy + " / " + rejected + " / " + failed)
          .row("all answered", complete ? "yes" : "NO")
          .row("first problem", firstProblem);
    }
    return t;
  }
}
