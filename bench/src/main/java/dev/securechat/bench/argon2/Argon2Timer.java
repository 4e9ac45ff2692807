package dev.securechat.bench.argon2;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Times the server's login-secret hash: Argon2id v1.3 over a 32-byte secret with a 16-byte random
 * salt into 32 bytes, exactly what the server's Argon2Hasher computes at registration and at every
 * password login (that class is package-private, so its computation is repeated here).
 */
final class Argon2Timer {
  static final int SECRET_BYTES = 32;
  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;

  /** Per-hash times of one thread, and the wall time all threads together took. */
  record Timings(List<Double> hashMillis, double wallSeconds) {}

  private final SecureRandom random = new SecureRandom();

  /** One hash, in nanoseconds; the salt is fresh each time, as for a real registration. */
  long timeOne(Argon2Params p) {
    byte[] secret = bytes(SECRET_BYTES);
    byte[] salt = bytes(SALT_BYTES);
    long start = System.nanoTime();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKib())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build());
    byte[] out = new byte[HASH_BYTES];
    generator.generateBytes(secret, out);
    return System.nanoTime() - start;
  }

  /** {@code threads} threads each hash {@code runs} times, all at once, as concurrent logins do. */
  Timings time(Argon2Params p, int runs, int threads)
      throws InterruptedException, ExecutionException {
    List<Double> millis = new ArrayList<>();
    long start = System.nanoTime();
    try (ExecutorService pool =
        Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("argon2-", 0).factory())) {
      List<Future<List<Double>>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> runs(p, runs)));
      }
      for (Future<List<Double>> w : workers) {
        millis.addAll(w.get());
      }
    }
    return new Timings(List.copyOf(millis), (System.nanoTime() - start) / 1e9);
  }

  private List<Double> runs(Argon2Params p, int runs) {
    List<Double> millis = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      millis.add(timeOne(p) / 1e6);
    }
    return millis;
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
