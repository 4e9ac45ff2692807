package dev.securechat.bench.servers;

/**
 * What one server's {@code /metrics} said about a measured phase: the difference between a scrape
 * at its start and one at its end, plus the gauges at its end.
 *
 * @param framesSent protocol frames the server wrote (presence notices included)
 * @param bytesSent bytes it wrote, TLS records included
 * @param cpuCores server CPU time over the phase divided by its length: 1.0 is one core busy
 * @param gcPauseMaxMs the longest pause the collector reported (its recent maximum)
 */
public record ServerFigures(
    String metrics,
    double seconds,
    long messagesStored,
    long messagesDelivered,
    double storedPerSecond,
    double deliveredPerSecond,
    long loginsSucceeded,
    long loginsFailed,
    long framesSent,
    long bytesSent,
    double cpuSeconds,
    double cpuCores,
    long gcPauses,
    double gcPauseSeconds,
    double gcPauseMaxMs,
    long heapUsedBytesBefore,
    long heapUsedBytesAfter,
    long nettyDirectBytes,
    long connections,
    long sessions,
    long openFiles) {

  public static ServerFigures between(String metrics, Metrics before, Metrics after) {
    double seconds = (after.nanos() - before.nanos()) / 1e9;
    long stored = delta(before, after, "securechat_messages_stored_total");
    long delivered = delta(before, after, "securechat_messages_delivered_total");
    double cpu =
        (after.sum("process_cpu_time_ns_total") - before.sum("process_cpu_time_ns_total")) / 1e9;
    return new ServerFigures(
        metrics,
        seconds,
        stored,
        delivered,
        stored / seconds,
        delivered / seconds,
        Math.round(
            after.sum("securechat_logins_total", "result=\"success\"")
                - before.sum("securechat_logins_total", "result=\"success\"")),
        Math.round(
            after.sum("securechat_logins_total", "result=\"failure\"")
                - before.sum("securechat_logins_total", "result=\"failure\"")),
        delta(before, after, "securechat_frames_sent_total"),
        delta(before, after, "securechat_transport_sent_bytes_total"),
        cpu,
        cpu / seconds,
        delta(before, after, "jvm_gc_pause_seconds_count"),
        after.sum("jvm_gc_pause_seconds_sum") - before.sum("jvm_gc_pause_seconds_sum"),
        after.max("jvm_gc_pause_seconds_max") * 1000,
        heap(before),
        heap(after),
        Math.round(after.sum("netty_allocator_memory_used", "memory_type=\"direct\"")),
        Math.round(after.sum("securechat_connections")),
        Math.round(after.sum("securechat_sessions")),
        Math.round(after.sum("process_files_open_files")));
  }

  public static long heap(Metrics m) {
    return Math.round(m.sum("jvm_memory_used_bytes", "area=\"heap\""));
  }

  private static long delta(Metrics before, Metrics after, String family) {
    return Math.round(after.sum(family) - before.sum(family));
  }
}
