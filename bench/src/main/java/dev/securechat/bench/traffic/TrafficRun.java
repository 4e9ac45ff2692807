package dev.securechat.bench.traffic;

import dev.securechat.bench.load.Account;
import dev.securechat.bench.load.ClientEvents;
import dev.securechat.bench.load.Connector;
import dev.securechat.bench.load.LoadNetwork;
import dev.securechat.bench.load.ServerTrust;
import dev.securechat.bench.load.Target;
import dev.securechat.bench.report.LatencySummary;
import dev.securechat.bench.report.ProgressMeter;
import dev.securechat.bench.servers.Metrics;
import dev.securechat.bench.servers.MetricsClient;
import dev.securechat.bench.servers.ServerFigures;
import dev.securechat.bench.servers.ServerUnderTest;
import dev.securechat.bench.servers.ThreadCpu;
import dev.securechat.bench.support.MachineCpu;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Runs a relay or broadcast load: connects every client, sends for the warm-up and the measured
 * phase, stops, waits until everything sent is stored and everything stored delivered, then checks
 * the deliveries against what the senders saw stored.
 */
public final class TrafficRun {
  private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(30);
  private static final int CONNECT_ATTEMPTS = 3;
  private static final int TOP_THREADS = 8;

  /** How the simulated clients run, and how often progress is printed. */
  public record Settings(int clientThreads, int connectConcurrency, int progressSeconds) {}

  private final ServerUnderTest server;
  private final Plan plan;
  private final Settings settings;
  private final TrafficStats stats = new TrafficStats();
  private final ClientEvents events = new ClientEvents();
  private final MetricsClient http = new MetricsClient();

  public TrafficRun(ServerUnderTest server, Plan plan, Settings settings) {
    this.server = server;
    this.plan = plan;
    this.settings = settings;
  }

  public TrafficResults run() throws Exception {
    int n = plan.clients();
    List<Account> accounts = server.accounts();
    List<Target> targets = server.targets();
    TrafficClient[] clients = new TrafficClient[n];
    List<Connector.Spec> specs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      clients[i] =
          new TrafficClient(i, i < plan.senders() ? new Outbox(i, plan, stats) : null, stats);
      specs.add(new Connector.Spec(accounts.get(i), targets.get(i % targets.size()), clients[i]));
    }
    try (LoadNetwork network =
        new LoadNetwork(settings.clientThreads(), new ServerTrust(server.fingerprints()))) {
      System.err.printf(Locale.ROOT, "bench: connecting %,d clients%n", n);
      Connector.Outcome connected =
          new Connector(
                  network,
                  events,
                  server.firstLogin(),
                  settings.connectConcurrency(),
                  CONNECT_ATTEMPTS,
                  Connector::resumable)
              .connectAll(specs, new LongAdder(), new Recorder(3), CONNECT_TIMEOUT);
      if (connected.failed() > 0) {
        throw new IllegalStateException(
            connected.failed()
                + " of "
                + n
                + " clients could not log in: "
                + events.problems().snapshot());
      }
      System.err.printf(
          Locale.ROOT,
          "bench: %,d clients logged in in %.1f s; sending (%s warm-up)%n",
          n,
          connected.seconds(),
          plan.warmup());
      return measure(network, clients, connected.seconds());
    }
  }

  private TrafficResults measure(
      LoadNetwork network, TrafficClient[] clients, double connectSeconds) throws Exception {
    List<ScheduledFuture<?>> pacers = startSending(clients);
    Thread.sleep(plan.warmup().toMillis());
    List<Metrics> before = http.scrapeAll(server.metrics());
    long cpuBefore = processCpuNanos();
    MachineCpu machineBefore = MachineCpu.now();
    ThreadCpu serverThreadsBefore = serverThreads();
    ThreadCpu ownThreadsBefore = ThreadCpu.of(ProcessHandle.current().pid());
    long from = System.nanoTime();
    stats.beginMeasuring(from);
    ProgressMeter meter =
        ProgressMeter.start(
            "delivered", stats::measuredDelivered, from, settings.progressSeconds());
    long until;
    try (meter) {
      Thread.sleep(plan.duration().toMillis());
      until = System.nanoTime();
      stats.endMeasuring(until);
    }
    List<Metrics> after = http.scrapeAll(server.metrics());
    long cpuAfter = processCpuNanos();
    MachineCpu machineAfter = MachineCpu.now();
    ThreadCpu serverThreadsAfter = serverThreads();
    ThreadCpu ownThreadsAfter = ThreadCpu.of(ProcessHandle.current().pid());
    stopSending(clients, pacers);
    boolean drained = drain(clients.length);
    barrier(network);
    TrafficResults.Violations violations = verify(clients);
    for (TrafficClient c : clients) {
      c.client().close();
    }
    double seconds = (until - from) / 1e9;
    List<ServerFigures> servers = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      servers.add(
          ServerFigures.between(server.metrics().get(i).toString(), before.get(i), after.get(i)));
    }
    long delivered = stats.measuredDelivered.sum();
    return new TrafficResults(
        drained,
        clients.length,
        plan.senders(),
        connectSeconds,
        seconds,
        stats.measuredSent.sum(),
        stats.measuredStored.sum(),
        delivered,
        stats.measuredSent.sum() / seconds,
        stats.measuredStored.sum() / seconds,
        delivered / seconds,
        meter.secondHalfRate(),
        LatencySummary.ofNanos(stats.deliverLatencies()),
        LatencySummary.ofNanos(stats.storedLatencies()),
        new TrafficResults.Problems(
            stats.busy.sum(),
            stats.rejected.snapshot(),
            stats.resends.sum(),
            stats.storedAgain.sum(),
            stats.dropped.sum(),
            stats.outstanding.sum(),
            events.problems().snapshot()),
        violations,
        (cpuAfter - cpuBefore) / 1e9 / seconds,
        MachineCpu.between(machineBefore, machineAfter),
        ThreadCpu.top(serverThreadsBefore, serverThreadsAfter, TOP_THREADS),
        ThreadCpu.top(ownThreadsBefore, ownThreadsAfter, TOP_THREADS),
        servers,
        meter.longestStallSeconds(),
        meter.samples(),
        null);
  }

  /** Flat out: every sender fills its window. Paced: one pacer per event loop, its share. */
  private List<ScheduledFuture<?>> startSending(TrafficClient[] clients) {
    List<ScheduledFuture<?>> pacers = new ArrayList<>();
    if (plan.flatOut()) {
      for (TrafficClient c : clients) {
        if (c.outbox() != null) {
          c.client().eventLoop().execute(() -> c.outbox().start(true));
        }
      }
      return pacers;
    }
    Map<EventLoop, List<Outbox>> byLoop = new LinkedHashMap<>();
    for (TrafficClient c : clients) {
      if (c.outbox() != null) {
        byLoop.computeIfAbsent(c.client().eventLoop(), l -> new ArrayList<>()).add(c.outbox());
      }
    }
    long start = System.nanoTime();
    for (Map.Entry<EventLoop, List<Outbox>> e : byLoop.entrySet()) {
      List<Outbox> outboxes = e.getValue();
      double share = plan.rate() * outboxes.size() / plan.senders();
      Pacer pacer = new Pacer(outboxes, share, start, System::nanoTime);
      e.getKey()
          .execute(
              () -> {
                for (Outbox o : outboxes) {
                  o.start(false);
                }
              });
      pacers.add(
          e.getKey().scheduleAtFixedRate(pacer, 0, Pacer.TICK_MICROS, TimeUnit.MICROSECONDS));
    }
    return pacers;
  }

  private void stopSending(TrafficClient[] clients, List<ScheduledFuture<?>> pacers) {
    pacers.forEach(p -> p.cancel(false));
    for (TrafficClient c : clients) {
      if (c.outbox() != null) {
        c.client().eventLoop().execute(() -> c.outbox().stop());
      }
    }
  }

  /** Waits until every message sent is stored and every stored one delivered; false on timeout. */
  private boolean drain(int clients) throws InterruptedException {
    long deadline = System.nanoTime() + plan.drainTimeout().toNanos();
    while (System.nanoTime() - deadline < 0) {
      long stored = stats.stored.sum();
      long expected = plan.broadcast() ? stored * (clients - 1) : stored;
      if (stats.outstanding.sum() == 0 && stats.delivered.sum() >= expected) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** A task through every event loop: what the loops did before is visible to this thread. */
  private static void barrier(LoadNetwork network) {
    for (EventExecutor loop : network.group()) {
      loop.submit(() -> {}).syncUninterruptibly();
    }
  }

  /** Compares what each receiver got with what each sender saw stored, pair by pair. */
  private TrafficResults.Violations verify(TrafficClient[] clients) {
    long missing = 0;
    long beyond = 0;
    for (TrafficClient sender : clients) {
      Outbox outbox = sender.outbox();
      if (outbox == null) {
        continue;
      }
      for (Pair pair : outbox.pairs().values()) {
        List<TrafficClient> receivers = new ArrayList<>();
        if (pair.peer == Outbox.BROADCAST) {
          for (TrafficClient r : clients) {
            if (r != sender) {
              receivers.add(r);
            }
          }
        } else {
          receivers.add(clients[pair.peer]);
        }
        for (TrafficClient r : receivers) {
          long got = r.lastFrom(sender.index(), pair.peer == Outbox.BROADCAST);
          missing += Math.max(0, pair.storedUpTo - got);
          beyond += Math.max(0, got - pair.storedUpTo);
        }
      }
    }
    return new TrafficResults.Violations(
        stats.duplicates.sum(),
        stats.gaps.sum(),
        missing,
        beyond,
        events.qseqGaps(),
        events.redeliveries(),
        stats.foreign.sum());
  }

  /** The child server's threads; nothing for a server the bench did not start. */
  private ThreadCpu serverThreads() {
    return server
        .process()
        .map(p -> ThreadCpu.of(p.pid()))
        .orElse(new ThreadCpu(System.nanoTime(), Map.of()));
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }
}
