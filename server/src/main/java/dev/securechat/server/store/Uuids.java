package dev.securechat.server.store;

import java.nio.ByteBuffer;
import java.util.UUID;

/** UUIDs are stored as their 16 big-endian bytes, the same on both databases. */
final class Uuids {

  private Uuids() {}

  static byte[] toBytes(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  static UUID fromBytes(byte[] bytes) {
    if (bytes.length != 16) {
      throw new IllegalArgumentException("a stored id has " + bytes.length + " bytes, not 16");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong());
  }
}
