package dev.securechat.client.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.protocol.Stream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
  @TempDir Path dir;

  private static HistoryEntry entry(int i, HistoryEntry.Direction d, Stream s, String peer) {
    return new HistoryEntry(Instant.ofEpochMilli(1_000L * i), d, s, peer, "secret body " + i);
  }

  @Test
  void keepsMessagesInOrderFiltersByPersonAndSealsEverything() throws Exception {
    Path file = dir.resolve("state.db");
    try (LocalDb db = LocalDb.open(file, ClientState.SCHEMA);
        SecretRecords seal = new SecretRecords(db, new byte[32], new SecureRandom())) {
      HistoryStore history = new HistoryStore(db, seal);
      history.add(entry(1, HistoryEntry.Direction.SENT, Stream.DIRECT, "bob"));
      history.add(entry(2, HistoryEntry.Direction.RECEIVED, Stream.BROADCAST, "carol"));
      history.add(entry(3, HistoryEntry.Direction.RECEIVED, Stream.DIRECT, "bob"));
      history.add(entry(4, HistoryEntry.Direction.SENT, Stream.BROADCAST, "*"));

      assertThat(history.last(10, Optional.empty()))
          .extracting(HistoryEntry::body)
          .containsExactly("secret body 1", "secret body 2", "secret body 3", "secret body 4");
      assertThat(history.last(2, Optional.empty()))
          .extracting(HistoryEntry::body)
          .containsExactly("secret body 3", "secret body 4");
      assertThat(history.last(10, Optional.of("bob")))
          .containsExactly(
              entry(1, HistoryEntry.Direction.SENT, Stream.DIRECT, "bob"),
              entry(3, HistoryEntry.Direction.RECEIVED, Stream.DIRECT, "bob"));
      assertThat(history.last(10, Optional.of("carol")).toString()).doesNotContain("secret");
      db.checkpoint();
    }
    String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain("secret body").doesNotContain("carol");
  }

  @Test
  void anotherKeyCannotReadIt() {
    try (LocalDb db = LocalDb.open(dir.resolve("state.db"), ClientState.SCHEMA);
        SecretRecords right = new SecretRecords(db, new byte[32], new SecureRandom());
        SecretRecords wrong = new SecretRecords(db, filled(32), new SecureRandom())) {
      new HistoryStore(db, right).add(entry(1, HistoryEntry.Direction.SENT, Stream.DIRECT, "bob"));

      assertThatThrownBy(() -> new HistoryStore(db, wrong).last(5, Optional.empty()))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("does not open");
    }
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) 7);
    return b;
  }
}
