package dev.securechat.bench.connections;

import dev.securechat.bench.servers.Metrics;
import dev.securechat.bench.servers.MetricsClient;
import dev.securechat.bench.servers.ProcessMemory;
import dev.securechat.bench.servers.ServerFigures;
import dev.securechat.bench.servers.ServerUnderTest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Optional;

/**
 * Memory of one process at one moment, after a full collection: the heap in use, the heap the
 * collector holds committed (ZGC gives unused heap back only after minutes), the resident set
 * (committed heap, code, thread stacks, direct buffers: what the machine pays), and Netty's direct
 * memory where the server reports it (-1 where unknown).
 */
record Footprint(
    long heapBytes, long heapCommittedBytes, long residentBytes, long nettyDirectBytes) {

  /** The child server's footprint; empty for a server the bench did not start. */
  static Optional<Footprint> ofServer(ServerUnderTest server, MetricsClient http)
      throws IOException, InterruptedException {
    Optional<ProcessHandle> process = server.process();
    if (process.isEmpty() || server.metrics().isEmpty()) {
      return Optional.empty();
    }
    long pid = process.get().pid();
    ProcessMemory.fullGc(pid);
    URI uri = server.metrics().getFirst();
    Metrics m = http.scrape(uri);
    return Optional.of(
        new Footprint(
            ServerFigures.heap(m),
            Math.round(m.sum("jvm_memory_committed_bytes", "area=\"heap\"")),
            ProcessMemory.residentBytes(pid),
            Math.round(m.sum("netty_allocator_memory_used", "memory_type=\"direct\""))));
  }

  /** This JVM's (the load generator's) footprint. */
  static Footprint ofGenerator() throws IOException {
    long heap = ProcessMemory.heapAfterGc();
    return new Footprint(
        heap,
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted(),
        ProcessMemory.residentBytes(ProcessHandle.current().pid()),
        -1);
  }

  /**
   * What each connection added between two footprints.
   *
   * @param connections how many connections were held at the second one
   */
  static PerConnection added(Footprint before, Footprint after, int connections) {
    double n = Math.max(1, connections);
    return new PerConnection(
        before,
        after,
        (after.heapBytes - before.heapBytes) / n,
        (after.residentBytes - before.residentBytes) / n);
  }

  /** Heap and resident bytes per connection, with the footprints they come from. */
  record PerConnection(
      Footprint before, Footprint after, double heapBytesEach, double residentBytesEach) {}
}
