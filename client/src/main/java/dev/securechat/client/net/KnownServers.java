package dev.securechat.client.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server keys this client has pinned, one {@code host:port fingerprint} line each, like ssh's
 * known_hosts. The fingerprint is SHA-256 over the certificate's SubjectPublicKeyInfo, written
 * {@code SHA256:ab:cd:...}, the same string the server logs at start.
 */
public final class KnownServers {
  private final Path file;

  public KnownServers(Path file) {
    this.file = file;
  }

  public static String fingerprint(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "SHA256:" + HexFormat.ofDelimiter(":").formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  public synchronized Optional<String> pinned(String server) {
    return Optional.ofNullable(read().get(server));
  }

  public synchronized void pin(String server, String fingerprint) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          server + " " + fingerprint + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private Map<String, String> read() {
    Map<String, String> pins = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return pins;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length == 2 && !parts[0].startsWith("#")) {
          pins.putIfAbsent(parts[0], parts[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return pins;
  }
}
