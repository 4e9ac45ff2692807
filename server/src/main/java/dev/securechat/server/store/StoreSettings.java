package dev.securechat.server.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Where the store lives and how big its queues may grow.
 *
 * @param url {@code jdbc:sqlite:/path/file.db} or {@code jdbc:postgresql://...}
 * @param user database user, ignored by SQLite; may be null
 * @param password database password, ignored by SQLite; may be null
 * @param sqliteSynchronous {@code FULL} (survives power loss) or {@code NORMAL} (survives a process
 *     crash only)
 * @param poolSize maximum number of pooled connections
 * @param queueMaxMessages a recipient queue holding this many messages refuses more ({@code Busy})
 * @param queueMaxBytes a recipient queue holding this many envelope bytes refuses more
 * @param broadcastRetention how long the broadcast log keeps an entry
 * @param sqliteBusyTimeout how long a SQLite write waits for a lock held by another process before
 *     it fails (and the sender is told to retry later)
 */
public record StoreSettings(
    String url,
    String user,
    String password,
    String sqliteSynchronous,
    int poolSize,
    int queueMaxMessages,
    long queueMaxBytes,
    Duration broadcastRetention,
    Duration sqliteBusyTimeout) {

  private static final Set<String> SYNCHRONOUS_MODES = Set.of("FULL", "NORMAL");

  /** SQLite's wait for another process's lock when none is configured. */
  public static final Duration DEFAULT_SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(10);

  public StoreSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sqliteSynchronous, "sqliteSynchronous");
    Objects.requireNonNull(broadcastRetention, "broadcastRetention");
    if (!url.startsWith(Database.SQLITE_PREFIX) && !url.startsWith(Database.POSTGRES_PREFIX)) {
      throw new IllegalArgumentException(
          "url must start with " + Database.SQLITE_PREFIX + " or " + Database.POSTGRES_PREFIX);
    }
    if (!SYNCHRONOUS_MODES.contains(sqliteSynchronous)) {
      throw new IllegalArgumentException(
          "sqliteSynchronous must be FULL or NORMAL, was " + sqliteSynchronous);
    }
    if (poolSize < 1 || queueMaxMessages < 1 || queueMaxBytes < 1) {
      throw new IllegalArgumentException(
          "poolSize, queueMaxMessages and queueMaxBytes must be >= 1");
    }
    if (broadcastRetention.isNegative() || broadcastRetention.isZero()) {
      throw new IllegalArgumentException("broadcastRetention must be positive");
    }
    Objects.requireNonNull(sqliteBusyTimeout, "sqliteBusyTimeout");
    if (sqliteBusyTimeout.isNegative()) {
      throw new IllegalArgumentException("sqliteBusyTimeout must not be negative");
    }
  }

  /** With the default SQLite busy timeout. */
  public StoreSettings(
      String url,
      String user,
      String password,
      String sqliteSynchronous,
      int poolSize,
      int queueMaxMessages,
      long queueMaxBytes,
      Duration broadcastRetention) {
    this(
        url,
        user,
        password,
        sqliteSynchronous,
        poolSize,
        queueMaxMessages,
        queueMaxBytes,
        broadcastRetention,
        DEFAULT_SQLITE_BUSY_TIMEOUT);
  }

  /** The same settings with other queue bounds, for a writer that enforces different limits. */
  StoreSettings withQueueLimits(int maxMessages, long maxBytes) {
    return new StoreSettings(
        url,
        user,
        password,
        sqliteSynchronous,
        poolSize,
        maxMessages,
        maxBytes,
        broadcastRetention,
        sqliteBusyTimeout);
  }

  /** Redacts the password, and URL parameters that may hold one: settings end up in logs. */
  @Override
  public String toString() {
    int query = url.indexOf('?');
    return "StoreSettings[url="
        + (query < 0 ? url : url.substring(0, query) + "?***")
        + ", user="
        + user
        + ", password="
        + (password == null ? "null" : "***")
        + ", sqliteSynchronous="
        + sqliteSynchronous
        + ", poolSize="
        + poolSize
        + ", queueMaxMessages="
        + queueMaxMessages
        + ", queueMaxBytes="
        + queueMaxBytes
        + ", broadcastRetention="
        + broadcastRetention
        + ", sqliteBusyTimeout="
        + sqliteBusyTimeout
        + "]";
  }
}
