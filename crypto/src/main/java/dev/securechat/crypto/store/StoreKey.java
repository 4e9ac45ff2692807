package dev.securechat.crypto.store;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Aead;
import dev.securechat.crypto.primitives.Argon2id;
import dev.securechat.crypto.primitives.Bytes;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The store's random 32-byte data key, wrapped with AES-256-GCM under {@code KEK =
 * Argon2id(password (UTF-8), 16-byte random salt, cost, 32 bytes)}. The header (86 bytes) is
 *
 * <pre>
 *   0x01 || m (u32, KiB) || t (u32) || p (u8) || salt (16) || nonce (12) || wrapped key (32) || tag (16)
 * </pre>
 *
 * with additional data {@code "SC1-STOREKEY" || header bytes 0-25}, so the cost and salt are bound
 * to the wrap. A wrong password and a corrupt header are the same {@link InvalidMessageException}.
 *
 * <p>Passwords are the caller's {@code char[]}, never wiped here; every data key returned is a
 * fresh array the caller wipes.
 */
public final class StoreKey {
  /** The default cost of crypto.md: m = 64 MiB, t = 3, p = 1. */
  public static final Argon2id.Cost DEFAULT_COST = new Argon2id.Cost(64 * 1024, 3, 1);

  /** The least {@link #create} accepts: m = 19 MiB, t = 2 (crypto.md, OWASP's minimum). */
  public static final Argon2id.Cost MINIMUM_COST = new Argon2id.Cost(19 * 1024, 2, 1);

  public static final int VERSION = 0x01;
  public static final int HEADER_BYTES = 86;
  public static final int DATA_KEY_BYTES = 32;
  static final int SALT_BYTES = 16;
  private static final int PREFIX_BYTES = 1 + 4 + 4 + 1 + SALT_BYTES;

  // Upper bounds, so that a corrupt header cannot make unlock allocate without limit.
  static final int MAX_MEMORY_KIB = 1024 * 1024;
  static final int MAX_ITERATIONS = 64;
  static final int MAX_PARALLELISM = 16;

  private static final byte[] AD_LABEL =
      "SC1-STOREKEY".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** A new store: the header to save and the data key to use (the caller wipes it). */
  public record Created(byte[] header, byte[] dataKey) {
    @Override
    public String toString() {
      return "StoreKey.Created[data key hidden]";
    }
  }

  private StoreKey() {}

  /**
   * A new random data key wrapped under the password.
   *
   * @throws IllegalArgumentException for a cost below {@link #MINIMUM_COST} (either m or t)
   */
  public static Created create(char[] password, Argon2id.Cost cost, SecureRandom random) {
    requireAtLeastMinimum(cost);
    return createUnchecked(password, cost, random);
  }

  /**
   * As {@link #create} but with any cost Argon2id can run, however cheap. For tests only: a store
   * made this way falls to a password guesser quickly.
   */
  public static Created createForTestsOnly(
      char[] password, Argon2id.Cost cost, SecureRandom random) {
    return createUnchecked(password, cost, random);
  }

  /** The data key, or the one failure for a wrong password and a corrupt header alike. */
  public static byte[] unlock(byte[] header, char[] password) throws InvalidMessageException {
    Header h = Header.parse(header);
    byte[] kek = kek(password, h.salt(), h.cost());
    try {
      byte[] dataKey = Aead.open(kek, h.wrapped(), associatedData(h.prefix()));
      if (dataKey.length != DATA_KEY_BYTES) {
        Bytes.wipe(dataKey);
        throw new InvalidMessageException("bad store header");
      }
      return dataKey;
    } finally {
      Bytes.wipe(kek);
    }
  }

  /** A new header for the same data key under a new password, with the same cost and a new salt. */
  public static byte[] changePassword(
      byte[] header, char[] oldPassword, char[] newPassword, SecureRandom random)
      throws InvalidMessageException {
    return rewrap(header, oldPassword, newPassword, Header.parse(header).cost(), random);
  }

  /**
   * A new header for the same data key under a new password and a new cost.
   *
   * @throws IllegalArgumentException for a cost below {@link #MINIMUM_COST}
   */
  public static byte[] changePassword(
      byte[] header,
      char[] oldPassword,
      char[] newPassword,
      Argon2id.Cost newCost,
      SecureRandom random)
      throws InvalidMessageException {
    requireAtLeastMinimum(newCost);
    return rewrap(header, oldPassword, newPassword, newCost, random);
  }

  /** The cost a header was made with, so a client can raise it at the next password change. */
  public static Argon2id.Cost costOf(byte[] header) throws InvalidMessageException {
    return Header.parse(header).cost();
  }

  private static byte[] rewrap(
      byte[] header,
      char[] oldPassword,
      char[] newPassword,
      Argon2id.Cost cost,
      SecureRandom random)
      throws InvalidMessageException {
    byte[] dataKey = unlock(header, oldPassword);
    try {
      return wrap(dataKey, newPassword, cost, random);
    } finally {
      Bytes.wipe(dataKey);
    }
  }

  private static Created createUnchecked(char[] password, Argon2id.Cost cost, SecureRandom random) {
    byte[] dataKey = new byte[DATA_KEY_BYTES];
    random.nextBytes(dataKey);
    return new Created(wrap(dataKey, password, cost, random), dataKey);
  }

  private static byte[] wrap(
      byte[] dataKey, char[] password, Argon2id.Cost cost, SecureRandom random) {
    requireRunnable(cost);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] prefix =
        Bytes.start()
            .u8(VERSION)
            .u32(cost.memoryKib())
            .u32(cost.iterations())
            .u8(cost.parallelism())
            .raw(salt)
            .build();
    byte[] kek = kek(password, salt, cost);
    try {
      return Bytes.concat(prefix, Aead.seal(kek, dataKey, associatedData(prefix), random));
    } finally {
      Bytes.wipe(kek);
    }
  }

  private static byte[] kek(char[] password, byte[] salt, Argon2id.Cost cost) {
    byte[] secret = Passwords.utf8(password);
    try {
      return Argon2id.derive(secret, salt, cost, Aead.KEY_BYTES);
    } finally {
      Bytes.wipe(secret);
    }
  }

  private static byte[] associatedData(byte[] prefix) {
    return Bytes.concat(AD_LABEL, prefix);
  }

  private static void requireAtLeastMinimum(Argon2id.Cost cost) {
    if (cost.memoryKib() < MINIMUM_COST.memoryKib()
        || cost.iterations() < MINIMUM_COST.iterations()) {
      throw new IllegalArgumentException("Argon2id cost below m = 19 MiB, t = 2");
    }
  }

  /** What Argon2id (m >= 8p KiB) and the header's field widths and caps allow. */
  private static boolean runnable(Argon2id.Cost cost) {
    return cost.parallelism() >= 1
        && cost.parallelism() <= MAX_PARALLELISM
        && cost.iterations() >= 1
        && cost.iterations() <= MAX_ITERATIONS
        && cost.memoryKib() >= 8 * cost.parallelism()
        && cost.memoryKib() <= MAX_MEMORY_KIB;
  }

  private static void requireRunnable(Argon2id.Cost cost) {
    if (!runnable(cost)) {
      throw new IllegalArgumentException("Argon2id cost out of range");
    }
  }

  /** A parsed header; only shape and ranges are checked here, the wrap proves the rest. */
  private record Header(byte[] prefix, Argon2id.Cost cost, byte[] salt, byte[] wrapped) {
    static Header parse(byte[] header) throws InvalidMessageException {
      if (header == null || header.length != HEADER_BYTES || (header[0] & 0xFF) != VERSION) {
        throw new InvalidMessageException("bad store header");
      }
      ByteBuffer b = ByteBuffer.wrap(header, 1, PREFIX_BYTES - 1);
      long memory = Integer.toUnsignedLong(b.getInt());
      long iterations = Integer.toUnsignedLong(b.getInt());
      int parallelism = b.get() & 0xFF;
      if (memory > MAX_MEMORY_KIB || iterations > MAX_ITERATIONS) {
        throw new InvalidMessageException("bad store header");
      }
      Argon2id.Cost cost = new Argon2id.Cost((int) memory, (int) iterations, parallelism);
      if (!runnable(cost)) {
        throw new InvalidMessageException("bad store header");
      }
      return new Header(
          Arrays.copyOf(header, PREFIX_BYTES),
          cost,
          Arrays.copyOfRange(header, PREFIX_BYTES - SALT_BYTES, PREFIX_BYTES),
          Arrays.copyOfRange(header, PREFIX_BYTES, HEADER_BYTES));
    }
  }
}
