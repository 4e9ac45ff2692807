package dev.securechat.crypto.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.crypto.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordSealTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] PLAINTEXT = "a ratchet state".getBytes(StandardCharsets.UTF_8);

  private static byte[] dataKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  @Test
  void aSealedRecordOpensUnderItsTypeAndPeer() throws Exception {
    try (RecordSeal seal = new RecordSeal(dataKey())) {
      byte[] sealed = seal.seal("session", "bob", PLAINTEXT, RANDOM);
      assertThat(sealed).hasSize(PLAINTEXT.length + RecordSeal.OVERHEAD);
      assertThat(seal.open("session", "bob", sealed)).isEqualTo(PLAINTEXT);
      assertThat(seal.seal("session", "bob", PLAINTEXT, RANDOM)).isNotEqualTo(sealed);
      assertThat(seal.open("identity", "", seal.seal("identity", "", new byte[0], RANDOM)))
          .isEmpty();
    }
  }

  @Test
  void aRecordDoesNotOpenAsAnotherTypeOrPeer() {
    try (RecordSeal seal = new RecordSeal(dataKey())) {
      byte[] sealed = seal.seal("session", "bob", PLAINTEXT, RANDOM);
      String[][] others = {
        {"session", "carol"},
        {"prekey", "bob"},
        {"session", ""},
        {"sessionb", "ob"},
        {"sessio", "nbob"}
      };
      for (String[] other : others) {
        assertThatThrownBy(() -> seal.open(other[0], other[1], sealed))
            .as("%s/%s", other[0], other[1])
            .isInstanceOf(InvalidMessageException.class);
      }
    }
  }

  @Test
  void everyTamperedByteIsRejected() {
    try (RecordSeal seal = new RecordSeal(dataKey())) {
      byte[] sealed = seal.seal("session", "bob", PLAINTEXT, RANDOM);
      for (int position = 0; position < sealed.length; position++) {
        for (int mask : new int[] {0x01, 0x80}) {
          byte[] tampered = sealed.clone();
          tampered[position] ^= (byte) mask;
          assertThatThrownBy(() -> seal.open("session", "bob", tampered))
              .as("byte %d", position)
              .isInstanceOf(InvalidMessageException.class);
        }
      }
      for (int length = 0; length < sealed.length; length++) {
        byte[] cut = Arrays.copyOf(sealed, length);
        assertThatThrownBy(() -> seal.open("session", "bob", cut))
            .isInstanceOf(InvalidMessageException.class);
      }
      byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
      assertThatThrownBy(() -> seal.open("session", "bob", longer))
          .isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void anotherDataKeyCannotOpenIt() {
    byte[] sealed;
    try (RecordSeal seal = new RecordSeal(dataKey())) {
      sealed = seal.seal("session", "bob", PLAINTEXT, RANDOM);
    }
    try (RecordSeal other = new RecordSeal(dataKey())) {
      assertThatThrownBy(() -> other.open("session", "bob", sealed))
          .isInstanceOf(InvalidMessageException.class);
    }
  }

  @Test
  void theDataKeyFromAnUnlockedStoreOpensRecordsAfterAPasswordChange() throws Exception {
    char[] password = "first".toCharArray();
    StoreKey.Created created = StoreKey.createForTestsOnly(password, StoreKeyTest.CHEAP, RANDOM);
    byte[] sealed;
    try (RecordSeal seal = new RecordSeal(created.dataKey())) {
      sealed = seal.seal("identity", "", PLAINTEXT, RANDOM);
    }
    char[] second = "second".toCharArray();
    byte[] header = StoreKey.changePassword(created.header(), password, second, RANDOM);
    try (RecordSeal seal = new RecordSeal(StoreKey.unlock(header, second))) {
      assertThat(seal.open("identity", "", sealed)).isEqualTo(PLAINTEXT);
    }
  }

  @Test
  void aClosedSealRefusesWorkAndOddArgumentsAreRefused() {
    RecordSeal seal = new RecordSeal(dataKey());
    seal.close();
    assertThatThrownBy(() -> seal.seal("session", "bob", PLAINTEXT, RANDOM))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new RecordSeal(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    try (RecordSeal open = new RecordSeal(dataKey())) {
      assertThatThrownBy(() -> open.seal("", "bob", PLAINTEXT, RANDOM))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> open.seal("session", "x".repeat(256), PLAINTEXT, RANDOM))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
