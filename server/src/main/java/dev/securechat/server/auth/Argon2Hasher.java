package dev.securechat.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes login secrets with Argon2id and checks them. Hashes are stored as PHC strings ({@code
 * $argon2id$v=19$m=..,t=..,p=..$salt$hash}), so a change of parameters in the config applies to new
 * hashes while old ones still verify under the parameters they were made with.
 */
final class Argon2Hasher {
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random;

  Argon2Hasher(int memoryKib, int iterations, int parallelism, SecureRandom random) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.random = random;
  }

  byte[] hash(byte[] secret) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = argon2(secret, salt, memoryKib, iterations, parallelism);
    String phc =
        "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s"
            .formatted(
                memoryKib,
                iterations,
                parallelism,
                B64.encodeToString(salt),
                B64.encodeToString(hash));
    return phc.getBytes(StandardCharsets.US_ASCII);
  }

  /** Constant-time check of {@code secret} against a stored PHC hash; false for a corrupt one. */
  boolean verify(byte[] secret, byte[] stored) {
    String[] parts = new String(stored, StandardCharsets.US_ASCII).split("\\$");
    // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
    if (parts.length != 6 || !parts[1].equals("argon2id")) {
      return false;
    }
    int m = 0;
    int t = 0;
    int p = 0;
    for (String kv : parts[3].split(",")) {
      String[] pair = kv.split("=", 2);
      int value = Integer.parseInt(pair[1]);
      switch (pair[0]) {
        case "m" -> m = value;
        case "t" -> t = value;
        case "p" -> p = value;
        default -> {
          return false;
        }
      }
    }
    byte[] expected = B64D.decode(parts[5]);
    byte[] actual = argon2(secret, B64D.decode(parts[4]), m, t, p);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] argon2(byte[] secret, byte[] salt, int m, int t, int p) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .withSalt(salt)
            .build());
    byte[] out = new byte[HASH_BYTES];
    generator.generateBytes(secret, out);
    return out;
  }
}
