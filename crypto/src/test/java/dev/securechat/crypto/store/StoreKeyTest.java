package dev.securechat.crypto.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Argon2id;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StoreKeyTest {
  /** Cheap enough to run Argon2id a few hundred times; only the test-only factory takes it. */
  static final Argon2id.Cost CHEAP = new Argon2id.Cost(256, 1, 1);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

  @Test
  void theRightPasswordUnlocksTheDataKey() throws Exception {
    StoreKey.Created created = StoreKey.createForTestsOnly(PASSWORD, CHEAP, RANDOM);
    assertThat(created.header()).hasSize(StoreKey.HEADER_BYTES);
    assertThat(created.dataKey()).hasSize(32);
    assertThat(StoreKey.unlock(created.header(), PASSWORD)).isEqualTo(created.dataKey());
    assertThat(StoreKey.costOf(created.header())).isEqualTo(CHEAP);
  }

  @Test
  void aWrongPasswordIsRefused() {
    StoreKey.Created created = StoreKey.createForTestsOnly(PASSWORD, CHEAP, RANDOM);
    for (String wrong :
        new String[] {"correct horse battery stapl", "", "Correct horse battery staple"}) {
      assertThatThrownBy(() -> StoreKey.unlock(created.header(), wrong.toCharArray()))
          .isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void everyTamperedHeaderByteIsRefused() {
    StoreKey.Created created = StoreKey.createForTestsOnly(PASSWORD, CHEAP, RANDOM);
    byte[] header = created.header();
    for (int position = 0; position < header.length; position++) {
      byte[] tampered = header.clone();
      tampered[position] ^= 0x01;
      assertThatThrownBy(() -> StoreKey.unlock(tampered, PASSWORD))
          .as("byte %d", position)
          .isInstanceOf(InvalidMessageException.class);
    }
    for (byte[] bad :
        new byte[][] {
          Arrays.copyOf(header, header.length - 1), Arrays.copyOf(header, header.length + 1), {}
        }) {
      assertThatThrownBy(() -> StoreKey.unlock(bad, PASSWORD))
          .isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void aHeaderAskingForAbsurdMemoryIsRefusedWithoutRunningArgon2() {
    byte[] header = StoreKey.createForTestsOnly(PASSWORD, CHEAP, RANDOM).header();
    header[1] = 0x7F;
    assertThatThrownBy(() -> StoreKey.unlock(header, PASSWORD))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void aCostBelowTheMinimumIsRefusedOutsideTests() {
    for (Argon2id.Cost weak :
        new Argon2id.Cost[] {
          CHEAP, new Argon2id.Cost(19 * 1024 - 1, 2, 1), new Argon2id.Cost(64 * 1024, 1, 1)
        }) {
      assertThatThrownBy(() -> StoreKey.create(PASSWORD, weak, RANDOM))
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] header = StoreKey.createForTestsOnly(PASSWORD, CHEAP, RANDOM).header();
    assertThatThrownBy(
            () -> StoreKey.changePassword(header, PASSWORD, "new".toCharArray(), CHEAP, RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(StoreKey.DEFAULT_COST).isEqualTo(new Argon2id.Cost(65536, 3, 1));
  }

  @Test
  void theMinimumCostWorks() throws Exception {
    StoreKey.Created created = StoreKey.create(PASSWORD, StoreKey.MINIMUM_COST, RANDOM);
    assertThat(StoreKey.unlock(created.header(), PASSWORD)).isEqualTo(created.dataKey());
  }

  @Test
  void changingThePasswordKeepsTheDataKey() throws Exception {
    StoreKey.Created created = StoreKey.createForTestsOnly(PASSWORD, CHEAP, RANDOM);
    char[] next = "a new and better passphrase".toCharArray();
    byte[] header = StoreKey.changePassword(created.header(), PASSWORD, next, RANDOM);
    assertThat(header).isNotEqualTo(created.header());
    assertThat(StoreKey.unlock(header, next)).isEqualTo(created.dataKey());
    assertThat(StoreKey.costOf(header)).isEqualTo(CHEAP);
    assertThatThrownBy(() -> StoreKey.unlock(header, PASSWORD))
        .isInstanceOf(InvalidMessageException.class);
    assertThatThrownBy(() -> StoreKey.changePassword(header, PASSWORD, next, RANDOM))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void nonAsciiPasswordsWork() throws Exception {
    char[] password = "pässwörd \uD83D\uDD11".toCharArray();
    StoreKey.Created created = StoreKey.createForTestsOnly(password, CHEAP, RANDOM);
    assertThat(StoreKey.unlock(created.header(), password)).isEqualTo(created.dataKey());
    assertThat(created.toString())
        .doesNotContain(java.util.HexFormat.of().formatHex(created.dataKey()));
  }
}
