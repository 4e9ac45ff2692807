package dev.securechat.client.state;

import dev.securechat.protocol.Stream;
import java.time.Instant;

/**
 * One message in the local history: sent or received, direct or broadcast. {@code peer} is the
 * other person of a direct message, or the sender of a received broadcast ({@code "*"} for one this
 * account sent). {@code time} is the server's time for received messages and this device's for sent
 * ones.
 */
public record HistoryEntry(
    Instant time, Direction direction, Stream stream, String peer, String body) {

  /** Who wrote it. */
  public enum Direction {
    SENT,
    RECEIVED
  }

  /** The body is a message: never in a log line. */
  @Override
  public String toString() {
    return "HistoryEntry[" + time + " " + direction + " " + stream + " " + peer + "]";
  }
}
