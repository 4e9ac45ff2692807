package dev.securechat.server.store;

import dev.securechat.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Opens an empty store and a writer before each test, and closes them after it. */
abstract class StoreTestBase implements StoreAccess {

  static StoreSettings settings(String url, String user) {
    return new StoreSettings(url, user, null, "FULL", 4, 10_000, 64L << 20, Duration.ofDays(7));
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final List<QueuedMessage> directs = new CopyOnWriteArrayList<>();
  private final List<BroadcastMessage> broadcasts = new CopyOnWriteArrayList<>();
  private Database db;
  private MessageWriter writer;

  /** A database with the current schema and no data. */
  abstract Database openEmpty() throws Exception;

  @BeforeEach
  final void openStore() throws Exception {
    db = openEmpty();
    writer =
        new MessageWriter(
            db,
            db.settings(),
            clock,
            (d, b) -> {
              directs.addAll(d);
              broadcasts.addAll(b);
            });
  }

  @AfterEach
  final void closeStore() {
    writer.close();
    db.close();
  }

  @Override
  public Database db() {
    return db;
  }

  @Override
  public MutableClock clock() {
    return clock;
  }

  @Override
  public Accounts accounts() {
    return new Accounts(db, clock);
  }

  @Override
  public PreKeys preKeys() {
    return new PreKeys(db, clock);
  }

  @Override
  public AuditLog audit() {
    return new AuditLog(db, clock);
  }

  @Override
  public MessageQueue queue() {
    return new MessageQueue(db);
  }

  @Override
  public BroadcastLog broadcastLog() {
    return new BroadcastLog(db, clock);
  }

  @Override
  public MessageWriter writer() {
    return writer;
  }

  @Override
  public List<QueuedMessage> committedDirects() {
    return directs;
  }

  @Override
  public List<BroadcastMessage> committedBroadcasts() {
    return broadcasts;
  }
}
