package dev.securechat.bench.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The WARN and ERROR events a server logged during a run (its log file holds nothing else): their
 * count, and the first lines to show, since the file goes with the scratch folder.
 */
public record LogScan(long events, List<String> excerpt) {
  static final int EXCERPT_LINES = 20;

  /** An event's first line starts with its ISO timestamp; stack trace lines do not. */
  private static final Pattern EVENT_START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T.*");

  public static LogScan of(Path log) throws IOException {
    if (!Files.exists(log)) {
      return new LogScan(0, List.of());
    }
    List<String> lines = Files.readAllLines(log);
    long events = lines.stream().filter(l -> EVENT_START.matcher(l).matches()).count();
    return new LogScan(
        events, List.copyOf(lines.subList(0, Math.min(EXCERPT_LINES, lines.size()))));
  }
}
