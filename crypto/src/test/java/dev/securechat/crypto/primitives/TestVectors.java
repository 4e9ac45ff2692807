package dev.securechat.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.TestReporter;

/**
 * Reads the official vector files in {@code ../shared/testvectors/} at test time. A missing
 * directory or file fails the test: a known-answer test never skips silently.
 */
final class TestVectors {
  static final String SHARED_DIR_PROPERTY = "securechat.shared.dir";

  private TestVectors() {}

  /**
   * The shared directory: the Surefire system property when it names a directory holding {@code
   * testvectors/}, else the first {@code shared/} found walking up from the working directory (a
   * sibling of the checkout).
   */
  static Path sharedDir() {
    List<String> tried = new ArrayList<>();
    String configured = System.getProperty(SHARED_DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured).toAbsolutePath().normalize();
      if (Files.isDirectory(p.resolve("testvectors"))) {
        return p;
      }
      tried.add(p + " (from -D" + SHARED_DIR_PROPERTY + ")");
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared");
      if (Files.isDirectory(candidate.resolve("testvectors"))) {
        return candidate;
      }
      tried.add(candidate.toString());
    }
    throw new AssertionError(
        "The shared test vectors were not found (no testvectors/ folder in any of "
            + tried
            + "). Set -D"
            + SHARED_DIR_PROPERTY
            + "=<path to shared>; known-answer tests never skip.");
  }

  /** Parses {@code testvectors/<relative>}; fails the test if the file is missing. */
  static Node load(String relative) {
    Path file = sharedDir().resolve("testvectors").resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("Missing test-vector file " + file);
    }
    try {
      return new Node(Json.parse(Files.readString(file)), relative);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  /** A parsed JSON value with its path, for typed access with readable failures. */
  record Node(Object value, String path) {
    Node get(String key) {
      Map<?, ?> map = as(Map.class);
      if (!map.containsKey(key)) {
        throw new AssertionError(path + " has no member \"" + key + "\"");
      }
      return new Node(map.get(key), path + "." + key);
    }

    boolean has(String key) {
      return as(Map.class).containsKey(key);
    }

    String str() {
      return as(String.class);
    }

    byte[] hex() {
      return TestVectors.hex(str());
    }

    long number() {
      return as(Long.class);
    }

    int integer() {
      return Math.toIntExact(number());
    }

    List<Node> list() {
      List<?> items = as(List.class);
      List<Node> out = new ArrayList<>(items.size());
      for (int k = 0; k < items.size(); k++) {
        out.add(new Node(items.get(k), path + "[" + k + "]"));
      }
      return out;
    }

    List<String> strings() {
      return list().stream().map(Node::str).toList();
    }

    private <T> T as(Class<T> type) {
      if (!type.isInstance(value)) {
        throw new AssertionError(path + " is not a " + type.getSimpleName() + ": " + value);
      }
      return type.cast(value);
    }
  }

  /** What Wycheproof says an implementation must do with a test case. */
  enum Result {
    VALID,
    INVALID,
    ACCEPTABLE;

    static Result of(Node test) {
      return valueOf(test.get("result").str().toUpperCase(java.util.Locale.ROOT));
    }
  }

  /**
   * Counts every case of a file by outcome, so that the test can prove that it ran them all: each
   * case is either run (and asserted) or not applicable for a stated reason.
   */
  static final class Tally {
    private final String file;
    private final Map<String, Integer> ran = new TreeMap<>();
    private final Map<String, Integer> notApplicable = new TreeMap<>();

    Tally(String file) {
      this.file = file;
    }

    void ran(String outcome) {
      ran.merge(outcome, 1, Integer::sum);
    }

    void notApplicable(String reason) {
      notApplicable.merge(reason, 1, Integer::sum);
    }

    int ran() {
      return ran.values().stream().mapToInt(Integer::intValue).sum();
    }

    int count(String outcome) {
      return ran.getOrDefault(outcome, 0);
    }

    int notApplicable() {
      return notApplicable.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** At least one case ran, and run plus not-applicable cases equal the file's count. */
    void assertComplete(int expectedCases, TestReporter reporter) {
      reporter.publishEntry(file, toString());
      assertThat(ran()).as("%s: cases run", file).isPositive();
      assertThat(ran() + notApplicable())
          .as("%s: every case accounted for (%s)", file, this)
          .isEqualTo(expectedCases);
    }

    @Override
    public String toString() {
      return "ran "
          + ran()
          + " "
          + ran
          + ", not applicable "
          + notApplicable()
          + " "
          + notApplicable;
    }
  }

  /**
   * A SecureRandom that hands out fixed bytes in order, to feed a vector's seed or IV into an API
   * that draws its randomness itself (crypto.md: the JDK has no ML-KEM seed API). Every draw
   * (nextInt and the like too) goes through nextBytes; drawing more than it holds fails, and {@link
   * #usedExactly()} tells whether the API drew all of it.
   */
  static final class FixedRandom extends SecureRandom {
    private final byte[] bytes;
    private int position;

    FixedRandom(byte[]... parts) {
      this.bytes = Bytes.concat(parts);
    }

    @Override
    public void nextBytes(byte[] out) {
      if (position + out.length > bytes.length) {
        throw new IllegalStateException(
            "FixedRandom holds " + bytes.length + " bytes; asked for " + (position + out.length));
      }
      System.arraycopy(bytes, position, out, 0, out.length);
      position += out.length;
    }

    @Override
    public byte[] generateSeed(int numBytes) {
      throw new UnsupportedOperationException("FixedRandom only serves nextBytes");
    }

    boolean usedExactly() {
      return position == bytes.length;
    }

    @Override
    public String toString() {
      return "FixedRandom[" + position + "/" + bytes.length + " used]";
    }
  }
}
