package dev.securechat.bench.servers;

import dev.securechat.server.config.StorageSettings.SqliteSynchronous;
import java.util.List;

/**
 * How the bench runs the server it starts: the store's durability, the login hash's cost (cheap,
 * since logins are not what the load scenarios measure; the report states it), the JVM options and
 * the log level.
 */
public record ServerSetup(
    SqliteSynchronous synchronous,
    int argon2MemoryKib,
    int argon2Iterations,
    List<String> jvmOptions,
    String logLevel) {

  /** The cheapest Argon2 the server's configuration allows. */
  public static final int CHEAP_ARGON2_MEMORY_KIB = 8192;

  public static final int CHEAP_ARGON2_ITERATIONS = 1;

  /** The server's own flags, as {@code ./securechat server} starts it. */
  public static final List<String> SERVER_JVM_FLAGS =
      List.of("-XX:+UseZGC", "--enable-native-access=ALL-UNNAMED");

  public ServerSetup {
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** Every JVM option of the child: the server's flags, then the run's own. */
  public List<String> allJvmOptions() {
    return java.util.stream.Stream.concat(SERVER_JVM_FLAGS.stream(), jvmOptions.stream()).toList();
  }
}
