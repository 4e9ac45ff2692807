package dev.securechat.server.status;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of one connection, updated by its pipeline and read by the status manager. */
public final class ConnectionStats {
  private final String address;
  private final Instant since;
  private volatile String username = "";
  final LongAdder framesIn = new LongAdder();
  final LongAdder framesOut = new LongAdder();
  final LongAdder bytesIn = new LongAdder();
  final LongAdder bytesOut = new LongAdder();

  ConnectionStats(String address, Instant since) {
    this.address = address;
    this.since = since;
  }

  public String address() {
    return address;
  }

  public String username() {
    return username;
  }

  void username(String name) {
    this.username = name;
  }

  ClientSnapshot snapshot() {
    return new ClientSnapshot(
        username, address, since, framesIn.sum(), framesOut.sum(), bytesIn.sum(), bytesOut.sum());
  }
}
