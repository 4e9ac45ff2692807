package dev.securechat.bench.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Writes the child server's INI file: only the keys that differ from the defaults. */
final class ServerIni {
  private ServerIni() {}

  static Path write(Path file, Map<String, Map<String, String>> sections) throws IOException {
    StringBuilder out =
        new StringBuilder(
            "# Written by ./securechat bench for one run; every other key has its default.\n");
    new TreeMap<>(sections)
        .forEach(
            (section, keys) -> {
              out.append('\n').append('[').append(section).append("]\n");
              new TreeMap<>(keys)
                  .forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
            });
    Files.writeString(file, out, StandardCharsets.UTF_8);
    return file;
  }
}
