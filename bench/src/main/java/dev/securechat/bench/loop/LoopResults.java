package dev.securechat.bench.loop;

import dev.securechat.bench.report.Format;
import dev.securechat.bench.report.LatencySummary;
import dev.securechat.bench.report.ProgressMeter;
import dev.securechat.bench.report.Sample;
import dev.securechat.bench.report.Table;
import dev.securechat.bench.servers.LogScan;
import java.util.List;

/**
 * What a loop run measured. Rates are over the measured phase, from the first send to the last
 * delivery at the receiver (delivered/s) or the last Stored at the sender (stored/s).
 */
record LoopResults(
    boolean complete,
    long sent,
    long storedAtSender,
    long deliveredAtReceiver,
    long outOfOrder,
    long sendFailures,
    String firstSendFailure,
    long leftInOutbox,
    List<String> disconnects,
    double deliverSeconds,
    double deliveredPerSecond,
    double secondHalfDeliveredPerSecond,
    double storedSeconds,
    double storedPerSecond,
    LatencySummary sendToDeliver,
    double longestStallSeconds,
    List<Sample> timeline,
    long logEvents,
    List<String> logExcerpt) {

  /** The counters when the measured phase began, after the warm-up. */
  record Baseline(long startNanos, long sent, long stored, long delivered) {}

  /** Figures taken right after the measured phase, while server and clients are still up. */
  static LoopResults of(
      boolean complete,
      Baseline base,
      WindowedSender sender,
      Receiver receiver,
      int leftInOutbox,
      List<String> disconnects,
      ProgressMeter meter) {
    long now = System.nanoTime();
    long sent = sender.sent() - base.sent();
    long stored = sender.stored() - base.stored();
    long delivered = receiver.delivered() - base.delivered();
    double deliverSeconds =
        ((delivered > 0 ? receiver.lastDeliveryNanos() : now) - base.startNanos()) / 1e9;
    double storedSeconds =
        ((stored > 0 ? sender.lastStoredNanos() : now) - base.startNanos()) / 1e9;
    return new LoopResults(
        complete,
        sent,
        stored,
        delivered,
        receiver.outOfOrder(),
        sender.failed(),
        sender.firstFailure(),
        leftInOutbox,
        List.copyOf(disconnects),
        deliverSeconds,
        delivered / deliverSeconds,
        meter.secondHalfRate(),
        storedSeconds,
        stored / storedSeconds,
        LatencySummary.ofNanos(receiver.takeLatencies()),
        meter.longestStallSeconds(),
        meter.samples(),
        0,
        List.of());
  }

  /** The same results with what the run logged at WARN and above. */
  LoopResults withLog(LogScan log) {
    return new LoopResults(
        complete,
        sent,
        storedAtSender,
        deliveredAtReceiver,
        outOfOrder,
        sendFailures,
        firstSendFailure,
        leftInOutbox,
        disconnects,
        deliverSeconds,
        deliveredPerSecond,
        secondHalfDeliveredPerSecond,
        storedSeconds,
        storedPerSecond,
        sendToDeliver,
        longestStallSeconds,
        timeline,
        log.events(),
        log.excerpt());
  }

  /** Everything sent was stored and delivered once, in order, with nothing logged at WARN+. */
  boolean clean() {
    return complete
        && outOfOrder == 0
        && sendFailures == 0
        && leftInOutbox == 0
        && disconnects.isEmpty()
        && logEvents == 0;
  }

  Table table() {
    Table t =
        Table.of("loop", "value")
            .row("messages delivered (bob)", Format.count(deliveredAtReceiver))
            .row("elapsed to last delivery", Format.seconds(deliverSeconds))
            .row("delivered/s (bob)", Format.rate(deliveredPerSecond))
            .row("delivered/s, second half", Format.rate(secondHalfDeliveredPerSecond))
            .row("Stored answers (alice)", Format.count(storedAtSender))
            .row("Stored/s (alice)", Format.rate(storedPerSecond))
            .row("longest stall", Format.seconds(longestStallSeconds))
            .row("WARN/ERROR log events", Format.count(logEvents));
    if (!clean()) {
      t.row("sent", Format.count(sent))
          .row("out of order", Format.count(outOfOrder))
          .row("send failures", Format.count(sendFailures))
          .row("left in outbox", Format.count(leftInOutbox))
          .row("disconnects", disconnects.size())
          .row("all done in time", complete ? "yes" : "NO");
    }
    return t;
  }
}
