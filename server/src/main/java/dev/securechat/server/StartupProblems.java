package dev.securechat.server;

import dev.securechat.server.store.StorageProblem;
import dev.securechat.server.store.StoreException;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What stops the server from starting, said in one line an operator can act on, instead of a stack
 * trace: a data folder it cannot write (a read-only or full disk), a database it cannot open, a
 * port that is taken.
 */
final class StartupProblems {
  private StartupProblems() {}

  /**
   * Creates a file in the data folder and deletes it again: the server writes its database, keys
   * and certificate there, and SQLite would otherwise open a read-only folder's database read-only
   * and start, only to refuse every message.
   */
  static Optional<String> dataFolder(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-check-", ".tmp");
      Files.delete(probe);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(
          "the data folder "
              + dir.toAbsolutePath()
              + " is not writable ("
              + reason(e)
              + "); the server keeps its database, keys and certificate there."
              + " Make it writable (is the disk read-only or full?) and start again.");
    }
  }

  /** The cause of a failed start, in plain words. */
  static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StoreException store) {
        String kind = StorageProblem.of(store).map(k -> " (" + k + ")").orElse("");
        return "cannot open the database" + kind + ": " + deepest(store);
      }
      if (t instanceof BindException bind) {
        return "cannot listen on the configured address: " + bind.getMessage();
      }
      if (t instanceof FileSystemException fs) {
        return "cannot use " + fs.getFile() + ": " + reason(fs);
      }
    }
    return deepest(failure);
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String deepest(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
