package dev.securechat.bench.storm;

import dev.securechat.bench.report.Format;
import dev.securechat.bench.report.LatencySummary;
import dev.securechat.bench.report.Sample;
import dev.securechat.bench.servers.ServerFigures;
import java.util.List;
import java.util.Map;

/**
 * One reconnect storm: every client reconnects at once and logs in with its device token.
 *
 * @param handshakes "resumed" (TLS session tickets offered) or "full" (no resumption)
 * @param back clients logged in again by the end
 * @param secondsUntilAllBack from the storm's start to the last login
 * @param loginsPerSecond {@code back / secondsUntilAllBack}
 * @param peakLoginsPerSecond the best one-second interval of the timeline
 * @param resumedHandshakes logins whose TLS handshake resumed a session (no certificate sent)
 * @param fullHandshakes logins whose TLS handshake was a full one
 * @param retries attempts that failed and were tried again after a backoff
 * @param timeToLogin per client, from its first attempt to its {@code LoginOk}
 * @param problems failed attempts by reason
 */
record StormResult(
    String handshakes,
    int clients,
    int back,
    int failed,
    double secondsUntilAllBack,
    double loginsPerSecond,
    double peakLoginsPerSecond,
    long resumedHandshakes,
    long fullHandshakes,
    long retries,
    LatencySummary timeToLogin,
    Map<String, Long> problems,
    List<ServerFigures> servers,
    List<Sample> timeline) {

  static double peak(List<Sample> samples) {
    double peak = 0;
    Sample previous = new Sample(0, 0);
    for (Sample s : samples) {
      double dt = s.seconds() - previous.seconds();
      if (dt > 0) {
        peak = Math.max(peak, (s.count() - previous.count()) / dt);
      }
      previous = s;
    }
    return peak;
  }

  Object[] row() {
    ServerFigures server = servers.isEmpty() ? null : servers.getFirst();
    return new Object[] {
      handshakes,
      Format.count(back) + " / " + Format.count(clients),
      Format.seconds(secondsUntilAllBack),
      Format.rate(loginsPerSecond),
      Format.rate(peakLoginsPerSecond),
      Format.count(resumedHandshakes) + " / " + Format.count(fullHandshakes),
      Format.count(retries),
      Format.millis(timeToLogin.p50Ms()),
      Format.millis(timeToLogin.p99Ms()),
      server == null ? "-" : Format.decimal(server.cpuCores()),
      server == null ? "-" : Format.count(server.framesSent())
    };
  }

  static final String[] COLUMNS = {
    "storm",
    "back",
    "all back in",
    "logins/s",
    "peak/s",
    "resumed / full TLS",
    "retries",
    "p50 ms",
    "p99 ms",
    "server CPU cores",
    "server frames out"
  };
}
