package dev.securechat.server.dashboard;

import dev.securechat.server.auth.AdminAuthenticator;
import dev.securechat.server.auth.AuthSettings;
import dev.securechat.server.config.Secret;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the admin password's hash comes from. A password set in {@code [Dashboard] admin_password}
 * wins and is hashed in memory only. Otherwise the hash stored in the data folder is used; if there
 * is none, a password is generated, shown once on the operator's console (never in the log file,
 * which outlives the terminal) and only its Argon2id hash is written.
 */
final class AdminPassword {
  private static final Logger log = LoggerFactory.getLogger(AdminPassword.class);
  static final String FILE_NAME = "dashboard-admin.hash";

  /** No 0/O, 1/l/I: the password is read off a terminal and typed in by a person. */
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private static final int GROUPS = 4;
  private static final int GROUP_LENGTH = 5;

  private AdminPassword() {}

  static byte[] hash(
      Secret configured,
      Path dataDir,
      AuthSettings settings,
      SecureRandom random,
      Consumer<String> console)
      throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!configured.isEmpty()) {
      if (Files.exists(file)) {
        log.info("[Dashboard] admin_password is set, so {} is not used", file);
      }
      return AdminAuthenticator.hash(configured.reveal(), settings, random);
    }
    if (Files.exists(file)) {
      byte[] stored = Files.readAllBytes(file);
      if (!AdminAuthenticator.isHash(stored)) {
        throw new IOException(
            file + " does not hold an Argon2id hash; delete it to have a new password generated");
      }
      return stored;
    }
    String password = generate(random);
    byte[] hash = AdminAuthenticator.hash(password, settings, random);
    write(file, hash);
    console.accept(notice(password, file));
    log.info(
        "Generated the dashboard admin password and showed it on the console once;"
            + " only its Argon2id hash is kept, in {}",
        file);
    return hash;
  }

  static String generate(SecureRandom random) {
    StringBuilder out = new StringBuilder();
    for (int g = 0; g < GROUPS; g++) {
      if (g > 0) {
        out.append('-');
      }
      for (int i = 0; i < GROUP_LENGTH; i++) {
        out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return out.toString();
  }

  private static String notice(String password, Path file) {
    return String.join(
        System.lineSeparator(),
        "",
        "================================================================",
        " SecureChat dashboard admin password (shown this once only):",
        "",
        "     " + password,
        "",
        " Only its Argon2id hash is stored, in " + file + ".",
        " To change it, set [Dashboard] admin_password, or delete that",
        " file and restart to have a new one generated.",
        "================================================================",
        "");
  }

  /** Written beside, then moved into place: a crash never leaves half a hash behind. */
  private static void write(Path file, byte[] hash) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, hash);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      log.debug("Atomic move not supported here; replacing {} in place", file, e);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
