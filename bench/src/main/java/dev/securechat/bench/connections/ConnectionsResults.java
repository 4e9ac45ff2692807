package dev.securechat.bench.connections;

import dev.securechat.bench.report.Format;
import dev.securechat.bench.report.LatencySummary;
import dev.securechat.bench.report.Sample;
import dev.securechat.bench.report.Table;
import dev.securechat.bench.servers.LogScan;
import dev.securechat.bench.servers.ServerFigures;
import java.util.List;
import java.util.Map;

/**
 * What a connections run measured: how fast N idle TLS connections were opened, whether they all
 * stayed open, and the memory each one costs the server and the load generator.
 *
 * @param server per-connection memory of the child server; null for an external server
 * @param connecting each server's /metrics over the connecting phase
 * @param holding each server's /metrics over the hold, with its gauges at the end
 */
record ConnectionsResults(
    int clients,
    boolean loggedIn,
    int connected,
    int failed,
    long retries,
    double connectSeconds,
    double connectionsPerSecond,
    LatencySummary timeToConnect,
    double holdSeconds,
    int openAfterHold,
    Footprint.PerConnection server,
    Footprint.PerConnection generator,
    List<ServerFigures> connecting,
    List<ServerFigures> holding,
    Map<String, Long> problems,
    List<Sample> timeline,
    LogScan serverLog) {

  static final long HEAP_TARGET_BYTES = 16 * 1024;
  static final long RESIDENT_TARGET_BYTES = 32 * 1024;

  ConnectionsResults withServerLog(LogScan log) {
    return new ConnectionsResults(
        clients,
        loggedIn,
        connected,
        failed,
        retries,
        connectSeconds,
        connectionsPerSecond,
        timeToConnect,
        holdSeconds,
        openAfterHold,
        server,
        generator,
        connecting,
        holding,
        problems,
        timeline,
        log);
  }

  /** Every connection made and still open after the hold, nothing logged at WARN+. */
  boolean clean() {
    return failed == 0
        && openAfterHold == clients
        && (serverLog == null || serverLog.events() == 0);
  }

  Table table() {
    Table t =
        Table.of("result", "value")
            .row("connections (logged in)", Format.count(clients) + (loggedIn ? " (yes)" : " (no)"))
            .row("connected / failed / retries", connected + " / " + failed + " / " + retries)
            .row("all connected in", Format.seconds(connectSeconds))
            .row("connections/s", Format.rate(connectionsPerSecond))
            .row("still open after " + Format.seconds(holdSeconds), Format.count(openAfterHold))
            .row("problems", problems.isEmpty() ? "none" : problems.toString());
    for (ServerFigures s : connecting) {
      t.row("server CPU while connecting", Format.decimal(s.cpuCores()) + " cores")
          .row(
              "server frames / MiB sent while connecting",
              Format.count(s.framesSent()) + " / " + Format.decimal(s.bytesSent() / 1048576.0));
    }
    for (ServerFigures s : holding) {
      t.row("server connections / sessions", s.connections() + " / " + s.sessions())
          .row("server CPU while idle", Format.decimal(s.cpuCores()) + " cores")
          .row("server open files", Format.count(s.openFiles()));
    }
    memory(t, "server", server, true);
    memory(t, "load generator", generator, false);
    if (serverLog != null) {
      t.row("server WARN/ERROR log events", Format.count(serverLog.events()));
    }
    return t;
  }

  private static void memory(Table t, String who, Footprint.PerConnection m, boolean targets) {
    if (m == null) {
      t.row(who + " memory", "not measured (not started by the bench)");
      return;
    }
    t.row(
            who + " heap after full GC, before / after",
            mib(m.before().heapBytes()) + " / " + mib(m.after().heapBytes()))
        .row(
            who + " heap committed, before / after",
            mib(m.before().heapCommittedBytes()) + " / " + mib(m.after().heapCommittedBytes()))
        .row(
            who + " resident, before / after",
            mib(m.before().residentBytes()) + " / " + mib(m.after().residentBytes()))
        .row(
            who + " heap per connection",
            kib(m.heapBytesEach()) + (targets ? target(m.heapBytesEach(), HEAP_TARGET_BYTES) : ""))
        .row(
            who + " resident per connection",
            kib(m.residentBytesEach())
                + (targets ? target(m.residentBytesEach(), RESIDENT_TARGET_BYTES) : ""));
  }

  private static String target(double value, long target) {
    return " (target " + (target / 1024) + " KiB: " + (value <= target ? "met" : "missed") + ")";
  }

  private static String mib(long bytes) {
    return Format.decimal(bytes / 1048576.0) + " MiB";
  }

  private static String kib(double bytes) {
    return Format.decimal(bytes / 1024) + " KiB";
  }
}
