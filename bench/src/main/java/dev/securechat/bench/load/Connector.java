package dev.securechat.bench.load;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.HdrHistogram.Recorder;

/**
 * Connects many simulated clients: at most {@code concurrency} logins under way at once (0: all at
 * once, as in a reconnect storm), each retried after a failure with the real client's backoff (0.5
 * s doubling to 30 s, each wait randomised between half and all of it).
 */
public final class Connector {
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);

  /** Who connects where, with what to do once logged in. */
  public record Spec(Account account, Target target, Traffic traffic) {}

  /**
   * @param clients the logged-in clients, in the order of the specs (failed ones left out)
   * @param failed specs that never logged in
   * @param retries failed attempts that were tried again
   * @param fullHandshakes successful logins whose TLS handshake was a full one
   * @param startNanos when the first attempt began
   * @param lastNanos when the last login succeeded
   */
  public record Outcome(
      List<LoadClient> clients,
      int failed,
      long retries,
      long fullHandshakes,
      long startNanos,
      long lastNanos) {
    public double seconds() {
      return (lastNanos - startNanos) / 1e9;
    }
  }

  private final LoadNetwork network;
  private final ClientEvents events;
  private final LoginMode mode;
  private final int concurrency;
  private final int attempts;
  private final Function<Account, String> sessionKey;
  private final Map<Target, Boolean> loopback = new ConcurrentHashMap<>();

  /**
   * @param concurrency logins in progress at once; 0 for no limit
   * @param attempts tries per client before it counts as failed
   * @param sessionKey the TLS session cache key per account (see {@link LoadNetwork#connect}); a
   *     function returning null disables resumption
   */
  public Connector(
      LoadNetwork network,
      ClientEvents events,
      LoginMode mode,
      int concurrency,
      int attempts,
      Function<Account, String> sessionKey) {
    this.network = network;
    this.events = events;
    this.mode = mode;
    this.concurrency = concurrency;
    this.attempts = attempts;
    this.sessionKey = sessionKey;
  }

  /** A resumable session per account, named after it. */
  public static String resumable(Account account) {
    return "client-" + account.index();
  }

  /**
   * Connects everyone and waits until each has logged in or used up its attempts.
   *
   * @param progress counts logins as they succeed (for the per-second timeline)
   * @param timeToLogin records each client's time from its first attempt to its login, in ns
   */
  public Outcome connectAll(
      List<Spec> specs, LongAdder progress, Recorder timeToLogin, Duration timeout)
      throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency > 0 ? concurrency : Integer.MAX_VALUE);
    CountDownLatch done = new CountDownLatch(specs.size());
    LoadClient[] clients = new LoadClient[specs.size()];
    LongAdder retries = new LongAdder();
    LongAdder full = new LongAdder();
    long[] last = {0};
    long start = System.nanoTime();
    for (int i = 0; i < specs.size(); i++) {
      int slot = i;
      Spec spec = specs.get(i);
      permits.acquire();
      long first = System.nanoTime();
      attempt(spec, 1, retries)
          .whenComplete(
              (client, error) -> {
                permits.release();
                if (client != null) {
                  long now = System.nanoTime();
                  timeToLogin.recordValue(now - first);
                  progress.increment();
                  if (client.ready().join().fullHandshake()) {
                    full.increment();
                  }
                  synchronized (last) {
                    clients[slot] = client;
                    last[0] = Math.max(last[0], now);
                  }
                }
                done.countDown();
              });
    }
    if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      events.problem("connect: gave up waiting after " + timeout.toSeconds() + " s");
    }
    List<LoadClient> connected = new ArrayList<>(specs.size());
    synchronized (last) {
      for (LoadClient c : clients) {
        if (c != null) {
          connected.add(c);
        }
      }
      return new Outcome(
          Collections.unmodifiableList(connected),
          specs.size() - connected.size(),
          retries.sum(),
          full.sum(),
          start,
          connected.isEmpty() ? start : last[0]);
    }
  }

  private CompletableFuture<LoadClient> attempt(Spec spec, int attempt, LongAdder retries) {
    Account account = spec.account();
    LoadClient client = new LoadClient(account, mode, network.trust(), events, spec.traffic());
    InetAddress local =
        SourceAddresses.forClient(
            account.index(), loopback.computeIfAbsent(spec.target(), Target::isLoopback));
    network.connect(spec.target(), local, client, sessionKey.apply(account));
    CompletableFuture<LoadClient> result = new CompletableFuture<>();
    client
        .ready()
        .orTimeout(LOGIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                result.complete(client);
                return;
              }
              Throwable cause = error.getCause() != null ? error.getCause() : error;
              if (cause instanceof TimeoutException) {
                client.timedOut();
              }
              events.problem(
                  switch (cause) {
                    case LoginFailedException f -> f.kind();
                    case TimeoutException t ->
                        "login: no answer in " + LOGIN_TIMEOUT.toSeconds() + " s";
                    default -> "login: " + cause.getClass().getSimpleName();
                  });
              if (attempt >= attempts) {
                result.completeExceptionally(cause);
                return;
              }
              retries.increment();
              network
                  .group()
                  .schedule(
                      () ->
                          attempt(spec, attempt + 1, retries)
                              .whenComplete(
                                  (c, e) -> {
                                    if (e == null) {
                                      result.complete(c);
                                    } else {
                                      result.completeExceptionally(e);
                                    }
                                  }),
                      backoffMillis(attempt),
                      TimeUnit.MILLISECONDS);
            });
    return result;
  }

  static long backoffMillis(int attempt) {
    long full =
        Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 16));
    return ThreadLocalRandom.current().nextLong(full / 2, full + 1);
  }
}
