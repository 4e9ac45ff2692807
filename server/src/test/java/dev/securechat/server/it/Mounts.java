package dev.securechat.server.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * File systems that tests break on purpose: a small tmpfs to fill, an ext4 image on a loop device
 * that the kernel turns read-only after an error. Needs root; callers check {@link #isRoot} and
 * skip with a loud assumption otherwise. Every mount must be undone in an {@code @After} method.
 */
final class Mounts {
  private Mounts() {}

  /** Whether this JVM runs as uid 0 (the owner of {@code /proc/self} is the process's user). */
  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Whether a free loop device can be had ({@code losetup -f}) and the ext4 tools are here. */
  static boolean canMakeExt4Images() {
    try {
      return exec(List.of("losetup", "-f")).exitCode() == 0
          && exec(List.of("mkfs.ext4", "-V")).exitCode() == 0
          && exec(List.of("e2fsck", "-V")).exitCode() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether this kernel lets tests raise an ext4 error on the file system at {@code dir}. */
  static boolean canFailExt4(Path dir) throws IOException {
    return Files.isWritable(triggerFile(dir));
  }

  static void tmpfs(Path dir, String size) throws IOException {
    run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString());
  }

  /** An ext4 image of {@code megabytes}, without a journal, as a file. */
  static void makeExt4Image(Path image, int megabytes) throws IOException {
    run("truncate", "-s", megabytes + "M", image.toString());
    run("mkfs.ext4", "-q", "-F", "-O", "^has_journal", image.toString());
  }

  /** Mounts an ext4 image through a loop device that the kernel makes read-only at an error. */
  static void mountImage(Path image, Path dir) throws IOException {
    run("mount", "-o", "loop,errors=remount-ro", image.toString(), dir.toString());
  }

  /**
   * What the kernel does when ext4 meets a damaged block under {@code errors=remount-ro}: the file
   * system turns read-only under the processes that have files open on it, which a plain {@code
   * mount -o remount,ro} refuses to do ("mount point is busy") while a file is open for writing.
   * ext4 offers the error for tests through {@code /sys/fs/ext4/<device>/trigger_fs_error}.
   */
  static void failExt4(Path dir) throws IOException {
    Files.writeString(triggerFile(dir), "storage fault test\n");
  }

  private static Path triggerFile(Path dir) throws IOException {
    return Path.of("/sys/fs/ext4", deviceOf(dir), "trigger_fs_error");
  }

  /** The file system check an operator runs before mounting a damaged file system again. */
  static void repairExt4(Path image) throws IOException {
    Result check = exec(List.of("e2fsck", "-f", "-y", image.toString()));
    // 0: clean, 1: errors corrected, 2: corrected and a reboot is advised; 4 and up: not fixed.
    if (check.exitCode() >= 4) {
      throw new IOException("e2fsck could not repair " + image + ":\n" + check.output());
    }
  }

  static boolean isMounted(Path dir) throws IOException {
    String target = dir.toRealPath().toString();
    return Files.readAllLines(Path.of("/proc/mounts")).stream()
        .map(l -> l.split(" "))
        .anyMatch(f -> f.length > 1 && f[1].equals(target));
  }

  /** Unmounts; if something still holds it, detaches it lazily so that no test leaves it. */
  static void unmount(Path dir) throws IOException {
    if (!isMounted(dir)) {
      return;
    }
    if (exec(List.of("umount", dir.toString())).exitCode() != 0) {
      run("umount", "-l", dir.toString());
    }
  }

  private static String deviceOf(Path dir) throws IOException {
    String target = dir.toRealPath().toString();
    for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
      String[] f = line.split(" ");
      if (f.length > 1 && f[1].equals(target)) {
        return Path.of(f[0]).getFileName().toString();
      }
    }
    throw new IOException(dir + " is not a mount point");
  }

  private record Result(int exitCode, String output) {}

  private static void run(String... command) throws IOException {
    Result r = exec(List.of(command));
    if (r.exitCode() != 0) {
      throw new IOException(
          String.join(" ", command)
              + " failed with exit code "
              + r.exitCode()
              + ":\n"
              + r.output());
    }
  }

  private static Result exec(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within 60 s");
      }
      return new Result(p.exitValue(), output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while running " + String.join(" ", command), e);
    }
  }
}
