package dev.securechat.bench.storm;

import dev.securechat.bench.report.Table;
import dev.securechat.bench.servers.LogScan;
import java.util.List;

/**
 * What a storm run measured: the first connection of every client (which gives each its session
 * ticket), then each storm asked for.
 */
record StormResults(int clients, double primeSeconds, List<StormResult> storms, LogScan serverLog) {

  StormResults withServerLog(LogScan log) {
    return new StormResults(clients, primeSeconds, storms, log);
  }

  /** Everyone came back each time, resumed storms resumed every handshake, nothing logged. */
  boolean clean() {
    for (StormResult s : storms) {
      if (s.back() != clients) {
        return false;
      }
      if (s.handshakes().equals(StormBench.RESUMED) && s.fullHandshakes() > 0) {
        return false;
      }
    }
    return serverLog == null || serverLog.events() == 0;
  }

  Table table() {
    Table t = Table.of(StormResult.COLUMNS);
    storms.forEach(s -> t.row(s.row()));
    return t;
  }
}
