package dev.securechat.bench.traffic;

import dev.securechat.bench.report.Format;
import dev.securechat.bench.report.LatencySummary;
import dev.securechat.bench.report.Sample;
import dev.securechat.bench.report.Table;
import dev.securechat.bench.servers.LogScan;
import dev.securechat.bench.servers.ServerFigures;
import dev.securechat.bench.servers.ThreadCpu;
import dev.securechat.bench.support.MachineCpu;
import java.util.List;
import java.util.Map;

/**
 * What a relay or broadcast run measured. Counts and rates cover the measured phase (after the
 * warm-up): messages sent and stored by its end, deliveries made during it. Latency is from when a
 * message was due to be sent to its delivery (or its {@code Stored}), for messages due in the
 * measured phase, however late they arrived.
 *
 * @param complete every message sent was answered and every stored one delivered before the drain
 *     timeout
 * @param generatorCpuCores the bench's own CPU time over the measured phase, in cores
 * @param machine how busy all cores were (server, bench and the rest) over the measured phase
 * @param serverThreads the child server's busiest threads over the measured phase, in cores
 * @param generatorThreads the load generator's busiest threads, in cores
 */
public record TrafficResults(
    boolean complete,
    int clients,
    int senders,
    double connectSeconds,
    double seconds,
    long sent,
    long stored,
    long delivered,
    double sentPerSecond,
    double storedPerSecond,
    double deliveredPerSecond,
    double secondHalfDeliveredPerSecond,
    LatencySummary sendToDeliver,
    LatencySummary sendToStored,
    Problems problems,
    Violations violations,
    double generatorCpuCores,
    MachineCpu.Shares machine,
    List<ThreadCpu.Share> serverThreads,
    List<ThreadCpu.Share> generatorThreads,
    List<ServerFigures> servers,
    double longestStallSeconds,
    List<Sample> timeline,
    LogScan serverLog) {

  /**
   * What the server refused or the clients suffered; expected under overload, reported always.
   *
   * @param unanswered messages still without {@code Stored} when the drain gave up
   */
  public record Problems(
      long busy,
      Map<String, Long> rejected,
      long resends,
      long storedAgain,
      long dropped,
      long unanswered,
      Map<String, Long> client) {}

  /**
   * Broken promises: each must be 0.
   *
   * @param duplicates a seq from a sender at or below one already received from it
   * @param gaps a seq that skipped ahead of the next expected one
   * @param missing stored (answered {@code Stored}) but never delivered by the end
   * @param beyondStored delivered past the last seq the sender saw stored
   * @param qseqGaps direct queue numbers that skipped ahead on a connection
   * @param redeliveries a qseq at or below one already handled on the same connection
   * @param foreign envelopes without this run's stamp
   */
  public record Violations(
      long duplicates,
      long gaps,
      long missing,
      long beyondStored,
      long qseqGaps,
      long redeliveries,
      long foreign) {
    public long total() {
      return duplicates + gaps + missing + beyondStored + qseqGaps + redeliveries + foreign;
    }
  }

  /** The same results with what the server logged at WARN and above (known once it stopped). */
  public TrafficResults withServerLog(LogScan log) {
    return new TrafficResults(
        complete,
        clients,
        senders,
        connectSeconds,
        seconds,
        sent,
        stored,
        delivered,
        sentPerSecond,
        storedPerSecond,
        deliveredPerSecond,
        secondHalfDeliveredPerSecond,
        sendToDeliver,
        sendToStored,
        problems,
        violations,
        generatorCpuCores,
        machine,
        serverThreads,
        generatorThreads,
        servers,
        longestStallSeconds,
        timeline,
        log);
  }

  /** Nothing lost, duplicated or reordered, everything answered, nothing logged at WARN+. */
  public boolean clean() {
    return complete
        && violations.total() == 0
        && problems.dropped() == 0
        && (serverLog == null || serverLog.events() == 0);
  }

  public Table table(String sentWhat, String deliveredWhat) {
    Table t =
        Table.of("result", "value")
            .row("clients (senders)", Format.count(clients) + " (" + Format.count(senders) + ")")
            .row("connected and logged in in", Format.seconds(connectSeconds))
            .row("measured for", Format.seconds(seconds))
            .row(sentWhat + " sent/s", Format.rate(sentPerSecond))
            .row(sentWhat + " stored/s", Format.rate(storedPerSecond))
            .row(deliveredWhat + "/s", Format.rate(deliveredPerSecond))
            .row(deliveredWhat + "/s, second half", Format.rate(secondHalfDeliveredPerSecond))
            .row(deliveredWhat, Format.count(delivered))
            .row(
                "Busy / rejected / resends",
                problems.busy() + " / " + problems.rejected() + " / " + problems.resends())
            .row("client problems", problems.client().isEmpty() ? "none" : problems.client())
            .row("violations (must be 0)", violations.total() == 0 ? "0" : violations.toString())
            .row(
                "all answered and delivered",
                complete ? "yes" : "NO (" + problems.unanswered() + " unanswered)")
            .row("load generator CPU", Format.decimal(generatorCpuCores) + " cores")
            .row(
                "machine CPU user / sys / iowait",
                percent(machine.user())
                    + " / "
                    + percent(machine.system())
                    + " / "
                    + percent(machine.iowait()))
            .row("longest stall", Format.seconds(longestStallSeconds));
    for (ServerFigures s : servers) {
      t.row(
              "server stored/s, delivered/s",
              Format.rate(s.storedPerSecond()) + ", " + Format.rate(s.deliveredPerSecond()))
          .row("server CPU", Format.decimal(s.cpuCores()) + " cores")
          .row(
              "server GC pauses",
              s.gcPauses()
                  + ", "
                  + Format.millis(s.gcPauseSeconds() * 1000)
                  + " ms in all, max "
                  + Format.millis(s.gcPauseMaxMs())
                  + " ms")
          .row("server heap used at end", Format.count(s.heapUsedBytesAfter() >> 20) + " MiB");
    }
    if (serverLog != null) {
      t.row("server WARN/ERROR log events", Format.count(serverLog.events()));
    }
    return t;
  }

  /** Where the CPU went over the measured phase, per thread group of each process. */
  public Table threads() {
    return ThreadCpu.table(
        List.of("server", "load generator"), List.of(serverThreads, generatorThreads));
  }

  private static String percent(double share) {
    return Double.isFinite(share) ? Math.round(share * 100) + " %" : "-";
  }
}
