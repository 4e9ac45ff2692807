package dev.securechat.crypto.primitives;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id (RFC 9106, version 0x13) from BouncyCastle: the one primitive the JDK lacks. */
public final class Argon2id {
  /** Memory in KiB, passes and lanes. */
  public record Cost(int memoryKib, int iterations, int parallelism) {}

  private Argon2id() {}

  public static byte[] derive(byte[] secret, byte[] salt, Cost cost, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(cost.memoryKib())
            .withIterations(cost.iterations())
            .withParallelism(cost.parallelism())
            .withSalt(salt)
            .build());
    byte[] out = new byte[length];
    generator.generateBytes(secret, out);
    return out;
  }
}
