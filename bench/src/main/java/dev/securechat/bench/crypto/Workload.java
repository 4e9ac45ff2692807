package dev.securechat.bench.crypto;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * One measurement of the {@code crypto} scenario. Each iteration does {@link #opsPerIteration()}
 * operations on one thread and adds the nanoseconds of each timed part ({@link #phases()}) into the
 * array it is given; a {@link View} turns a set of parts into a rate.
 */
interface Workload extends AutoCloseable {

  /** A rate to report: operations per second over the time of these parts together. */
  record View(String label, String unit, List<Integer> phases) {
    static View of(String label, String unit, Integer... phases) {
      return new View(label, unit, List.of(phases));
    }
  }

  /** The key of {@code --only}, e.g. "ratchet". */
  String key();

  String title();

  List<String> phases();

  List<View> views();

  long opsPerIteration();

  /** Runs one iteration; {@code nanos[i]} grows by the time part {@code i} took. */
  void iterate(long[] nanos) throws Exception;

  /** Sizes and other facts worth a line in the report (bytes of a message, of a stored state). */
  Map<String, Object> facts();

  @Override
  default void close() throws SQLException {}
}
