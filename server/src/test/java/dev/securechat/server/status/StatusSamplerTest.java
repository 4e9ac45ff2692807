package dev.securechat.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.server.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatusSamplerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final StatusManager status = new StatusManager(registry, clock, "node-a", "1.2.3");
  private final AtomicInteger storeReads = new AtomicInteger();
  private final AtomicReference<StoreCounts> stored =
      new AtomicReference<>(new StoreCounts(7, 3, 1));
  private final StatusSampler sampler =
      new StatusSampler(
          status,
          now -> {
            storeReads.incrementAndGet();
            StoreCounts counts = stored.get();
            if (counts == null) {
              throw new IllegalStateException("database gone");
            }
            return counts;
          },
          registry,
          clock);

  @Test
  void ratesArePerSecondOverTheIntervalBetweenSamples() {
    ConnectionStats alice = status.opened("10.0.0.1");
    status.loggedIn(alice, "alice");
    Sample first = sampler.tick();
    assertThat(first.messagesInPerSecond()).isZero();

    for (int i = 0; i < 10; i++) {
      status.messageStored();
    }
    status.messagesDelivered(4);
    status.bytesIn(alice, 2000);
    status.bytesOut(alice, 500);
    clock.advance(Duration.ofSeconds(2));
    Sample second = sampler.tick();

    assertThat(second.messagesInPerSecond()).isEqualTo(5.0);
    assertThat(second.messagesOutPerSecond()).isEqualTo(2.0);
    assertThat(second.bytesInPerSecond()).isEqualTo(1000.0);
    assertThat(second.bytesOutPerSecond()).isEqualTo(250.0);
    assertThat(second.connections()).isEqualTo(1);
    assertThat(second.sessions()).isEqualTo(1);
    assertThat(second.totals().messagesStored()).isEqualTo(10);
    assertThat(second.totals().loginsSucceeded()).isEqualTo(1);
  }

  @Test
  void readsTheStoreOnlyEveryFewSecondsAndTheGaugesShowTheSameFigures() {
    sampler.tick();
    clock.advance(Duration.ofSeconds(1));
    sampler.tick();
    assertThat(storeReads).hasValue(1);

    stored.set(new StoreCounts(8, 0, 2));
    clock.advance(StatusSampler.STORE_REFRESH);
    Sample refreshed = sampler.tick();

    assertThat(storeReads).hasValue(2);
    assertThat(refreshed.store()).isEqualTo(new StoreCounts(8, 0, 2));
    assertThat(registry.get("securechat.accounts.registered").gauge().value()).isEqualTo(8);
    assertThat(registry.get("securechat.queue.pending.messages").gauge().value()).isZero();
    assertThat(registry.get("securechat.logins.failed.last.hour").gauge().value()).isEqualTo(2);
  }

  @Test
  void aFailingStoreKeepsTheLastFiguresAndSamplingGoesOn() {
    sampler.tick();
    stored.set(null);
    clock.advance(StatusSampler.STORE_REFRESH);

    Sample sample = sampler.tick();

    assertThat(sample.store()).isEqualTo(new StoreCounts(7, 3, 1));
  }

  @Test
  void keepsOneHourOfSamplesOldestFirst() {
    int hour = (int) (StatusSampler.WINDOW.toSeconds() / StatusSampler.TICK.toSeconds());
    for (int i = 0; i < hour + 10; i++) {
      sampler.tick();
      clock.advance(StatusSampler.TICK);
    }

    List<Sample> history = sampler.history();

    assertThat(history).hasSize(hour);
    assertThat(Duration.between(history.getFirst().at(), history.getLast().at()))
        .isEqualTo(StatusSampler.WINDOW.minus(StatusSampler.TICK));
    assertThat(sampler.latest()).isSameAs(history.getLast());
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    List<Sample> seen = new ArrayList<>();
    sampler.onSample(
        s -> {
          throw new IllegalStateException("broken page");
        });
    sampler.onSample(seen::add);

    Sample sample = sampler.tick();

    assertThat(seen).containsExactly(sample);
  }
}
