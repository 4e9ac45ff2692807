package dev.securechat.server.cluster;

import java.util.Optional;

/**
 * A small text message on a node's or the cluster's channel. None carries an envelope: a notice
 * only says where to look in PostgreSQL. Fields are separated by single spaces; user names and node
 * ids never contain one.
 */
sealed interface Notice {

  /** "direct messages for {@code user} are committed up to {@code qseq}". */
  record Direct(String user, long qseq) implements Notice {}

  /** "close {@code user}'s session if it is older than {@code sessionNo}". */
  record Close(String user, long sessionNo) implements Notice {}

  /** "broadcasts are committed up to {@code bseq}", sent by {@code origin}. */
  record Broadcast(long bseq, String origin) implements Notice {}

  /** {@code user} came online or went offline; {@code origin} is "-" for an expired lease. */
  record Presence(String user, boolean online, String origin) implements Notice {}

  /** The notice, or empty for a line this version does not know. */
  static Optional<Notice> parse(String text) {
    String[] f = text.split(" ");
    if (f.length != 3) {
      return Optional.empty();
    }
    try {
      return switch (f[0]) {
        case "direct" -> Optional.of(new Direct(f[1], Long.parseLong(f[2])));
        case "close" -> Optional.of(new Close(f[1], Long.parseLong(f[2])));
        case "broadcast" -> Optional.of(new Broadcast(Long.parseLong(f[1]), f[2]));
        case "online" -> Optional.of(new Presence(f[1], true, f[2]));
        case "offline" -> Optional.of(new Presence(f[1], false, f[2]));
        default -> Optional.empty();
      };
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The broadcast notice's text; the others are written by the Lua scripts. */
  static String broadcast(long bseq, String origin) {
    return "broadcast " + bseq + " " + origin;
  }
}
