package dev.securechat.bench.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
  private static final long MS = 1_000_000;

  /** Records what the pacer hands out. */
  private static final class Sender implements Pacer.Paced {
    final List<Long> due = new ArrayList<>();
    int flushes;

    @Override
    public void due(long dueNanos) {
      due.add(dueNanos);
    }

    @Override
    public void flush() {
      flushes++;
    }
  }

  @Test
  void handsOutEveryMessageWhoseTimeHasComeStampedWithItsDueTime() {
    long[] now = {0};
    Sender a = new Sender();
    Sender b = new Sender();
    Pacer pacer = new Pacer(List.of(a, b), 1000, 0, () -> now[0]);

    pacer.run(); // at the start, message 0 is due
    now[0] = 2 * MS + MS / 2;
    pacer.run(); // 2.5 ms later, messages 1 and 2 are too; 3 is not yet
    now[0] = 3 * MS;
    pacer.run(); // message 3, due exactly now

    assertThat(a.due).containsExactly(0L, 2 * MS);
    assertThat(b.due).containsExactly(MS, 3 * MS);
    // Never stamped in the future, so a latency is never made shorter than it was.
    assertThat(a.due).allMatch(t -> t <= now[0]);
    assertThat(a.flushes).isEqualTo(2);
    assertThat(b.flushes).isEqualTo(2);
  }

  @Test
  void aLateTickCatchesUpWithTheOriginalDueTimes() {
    long[] now = {100 * MS};
    Sender s = new Sender();
    Pacer pacer = new Pacer(List.of(s), 100, 0, () -> now[0]);

    pacer.run(); // the loop was busy for 100 ms: messages 0 to 10 (one every 10 ms) are all due

    assertThat(s.due).hasSize(11).startsWith(0L, 10 * MS).endsWith(100 * MS);
    assertThat(s.flushes).isEqualTo(1);
  }
}
