package dev.securechat.client.state;

import dev.securechat.protocol.Stream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The messages this account sent and received, sealed like the keys (kind {@code "history"}) in the
 * client's database, so that a stolen laptop shows neither bodies nor who talked to whom; only the
 * number of rows and their order are visible. Rows are written in the transaction that commits the
 * delivery or the outbox entry, so the history and what was shown never disagree.
 */
public final class HistoryStore {
  static final String KIND = "history";
  static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " sealed BLOB NOT NULL)");
  private static final int FORMAT = 1;

  private final LocalDb db;
  private final SecretRecords seal;

  /** Uses (and does not close) the account's sealed records. */
  public HistoryStore(LocalDb db, SecretRecords seal) {
    this.db = db;
    this.seal = seal;
    for (String ddl : SCHEMA) {
      db.update(ddl);
    }
  }

  /** Adds a row; joins the caller's transaction if one is open. */
  public void add(HistoryEntry entry) {
    db.update("INSERT INTO history (sealed) VALUES (?)", seal.seal(KIND, "", encode(entry)));
  }

  /**
   * The last {@code limit} messages, oldest first, of every conversation or only of the one with
   * {@code peer} (direct messages both ways and that person's broadcasts).
   */
  public List<HistoryEntry> last(int limit, Optional<String> peer) {
    List<HistoryEntry> newestFirst = new ArrayList<>();
    long before = Long.MAX_VALUE;
    // Rows are sealed whole, so filtering by person happens after opening: read in pages.
    while (newestFirst.size() < limit) {
      List<Object[]> page =
          db.query(
              "SELECT id, sealed FROM history WHERE id < ? ORDER BY id DESC LIMIT 200",
              rs -> new Object[] {rs.getLong(1), rs.getBytes(2)},
              before);
      if (page.isEmpty()) {
        break;
      }
      for (Object[] row : page) {
        before = (Long) row[0];
        HistoryEntry e = decode(seal.open(KIND, "", (byte[]) row[1]));
        if (peer.isEmpty() || peer.get().equals(e.peer())) {
          newestFirst.add(e);
          if (newestFirst.size() == limit) {
            break;
          }
        }
      }
    }
    return newestFirst.reversed();
  }

  static byte[] encode(HistoryEntry e) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(e.time().toEpochMilli());
      out.writeByte(e.direction().ordinal());
      out.writeByte(e.stream().ordinal());
      out.writeUTF(e.peer());
      byte[] body = e.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(body.length);
      out.write(body);
    } catch (IOException ex) {
      throw new UncheckedIOException("encoding into memory cannot fail", ex);
    }
    return bytes.toByteArray();
  }

  static HistoryEntry decode(byte[] plaintext) {
    try (var in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new StateException("unknown history record format " + format, null);
      }
      Instant time = Instant.ofEpochMilli(in.readLong());
      var direction = HistoryEntry.Direction.values()[in.readUnsignedByte()];
      var stream = Stream.values()[in.readUnsignedByte()];
      String peer = in.readUTF();
      byte[] body = new byte[in.readInt()];
      in.readFully(body);
      return new HistoryEntry(
          time, direction, stream, peer, new String(body, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException | ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new StateException("a history record is damaged", e);
    }
  }
}
