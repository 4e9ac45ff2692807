package dev.securechat.server.config;

import dev.securechat.config.UrlRedaction;
import java.time.Duration;

/**
 * {@code [Storage]}: the message store. {@code url} is always set: when the file leaves it empty it
 * is the SQLite file {@code <data_dir>/securechat.db}. {@code sqliteBusyTimeout} is how long a
 * SQLite write waits for a lock that another process holds before it fails.
 */
public record StorageSettings(
    String url,
    String user,
    Secret password,
    SqliteSynchronous synchronous,
    int poolSize,
    int queueMaxMessages,
    long queueMaxBytes,
    int broadcastRetentionDays,
    Duration sqliteBusyTimeout) {

  static final String SQLITE_PREFIX = "jdbc:sqlite:";
  static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

  /** The URL may carry credentials, so it is shown redacted. */
  @Override
  public String toString() {
    return "StorageSettings[url="
        + UrlRedaction.redact(url)
        + ", user="
        + user
        + ", password="
        + password
        + ", synchronous="
        + synchronous
        + ", poolSize="
        + poolSize
        + ", queueMaxMessages="
        + queueMaxMessages
        + ", queueMaxBytes="
        + queueMaxBytes
        + ", broadcastRetentionDays="
        + broadcastRetentionDays
        + ", sqliteBusyTimeout="
        + sqliteBusyTimeout
        + "]";
  }

  public boolean isSqlite() {
    return url.startsWith(SQLITE_PREFIX);
  }

  /**
   * SQLite's {@code PRAGMA synchronous}. FULL survives a power loss; NORMAL (in WAL mode) survives
   * a process crash but may lose the last commits when the machine goes down.
   */
  public enum SqliteSynchronous {
    FULL,
    NORMAL
  }
}
