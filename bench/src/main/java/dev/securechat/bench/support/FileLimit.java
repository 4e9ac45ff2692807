package dev.securechat.bench.support;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Raises this process's open-file limit ({@code RLIMIT_NOFILE}) through {@code setrlimit(2)},
 * called with the FFM API: every simulated client and every server connection is a file descriptor,
 * and a child server inherits the limit. The soft limit goes up to the hard one; as root the hard
 * one goes up too, to at most {@code /proc/sys/fs/nr_open}.
 */
public final class FileLimit {
  /** What a run asks for as root; Linux's default {@code nr_open}. */
  public static final long WANTED = 1_048_576;

  // Linux on x86-64 and aarch64: RLIMIT_NOFILE is 7, struct rlimit is two unsigned longs.
  private static final int RLIMIT_NOFILE = 7;
  private static final Path NR_OPEN = Path.of("/proc/sys/fs/nr_open");
  private static final StructLayout RLIMIT =
      MemoryLayout.structLayout(
          ValueLayout.JAVA_LONG.withName("rlim_cur"), ValueLayout.JAVA_LONG.withName("rlim_max"));
  private static final VarHandle CUR =
      RLIMIT.varHandle(MemoryLayout.PathElement.groupElement("rlim_cur"));
  private static final VarHandle MAX =
      RLIMIT.varHandle(MemoryLayout.PathElement.groupElement("rlim_max"));

  /** The limits before and after, and why they are not higher if they are not. */
  public record Result(long softBefore, long hardBefore, long soft, long hard, String note) {}

  private FileLimit() {}

  /**
   * Raises the limit as far as this process may.
   *
   * @throws IllegalStateException when this is not Linux or the calls fail
   */
  public static Result raise() {
    if (!System.getProperty("os.name", "").equals("Linux")) {
      throw new IllegalStateException(
          "raising the open-file limit is implemented for Linux only, not "
              + System.getProperty("os.name"));
    }
    Linker linker = Linker.nativeLinker();
    MethodHandle get = function(linker, "getrlimit");
    MethodHandle set = function(linker, "setrlimit");
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment limit = arena.allocate(RLIMIT);
      call(get, limit, "getrlimit");
      long softBefore = (long) CUR.get(limit, 0L);
      long hardBefore = (long) MAX.get(limit, 0L);
      long hard = hardBefore;
      String note = "";
      long ceiling = Math.min(WANTED, nrOpen());
      if (hard >= 0 && hard < ceiling) {
        MAX.set(limit, 0L, ceiling);
        CUR.set(limit, 0L, ceiling);
        if (tryCall(set, limit)) {
          hard = ceiling;
        } else {
          note =
              "the hard limit stays at "
                  + hardBefore
                  + ": raising it needs root with CAP_SYS_RESOURCE (see CapEff in"
                  + " /proc/self/status)";
        }
      }
      CUR.set(limit, 0L, hard);
      MAX.set(limit, 0L, hard);
      call(set, limit, "setrlimit");
      call(get, limit, "getrlimit");
      return new Result(
          softBefore, hardBefore, (long) CUR.get(limit, 0L), (long) MAX.get(limit, 0L), note);
    }
  }

  /**
   * Fails clearly when {@code needed} descriptors cannot be open at once under {@code result}.
   *
   * @param needed descriptors the run will hold in this process (and its child server)
   */
  public static void require(Result result, long needed) {
    if (result.soft() >= 0 && result.soft() < needed) {
      throw new IllegalStateException(
          "this run needs about %,d open files per process but the limit is %,d%s; run as root or raise 'ulimit -n' (hard) first"
              .formatted(
                  needed,
                  result.soft(),
                  result.note().isEmpty() ? "" : " (" + result.note() + ")"));
    }
  }

  private static long nrOpen() {
    // Not Files.readString: it reads procfs sysctl files in pieces and gets only the first byte.
    try (var reader = Files.newBufferedReader(NR_OPEN)) {
      return Long.parseLong(reader.readLine().strip());
    } catch (IOException | RuntimeException e) {
      // Without the kernel's ceiling, asking for it may fail: setrlimit then says no, and we stay.
      return WANTED;
    }
  }

  // Restricted (native access): the launcher and the tests run with --enable-native-access.
  @SuppressWarnings("restricted")
  private static MethodHandle function(Linker linker, String name) {
    return linker.downcallHandle(
        linker
            .defaultLookup()
            .find(name)
            .orElseThrow(() -> new IllegalStateException("libc has no " + name)),
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
  }

  private static void call(MethodHandle function, MemorySegment limit, String name) {
    if (!tryCall(function, limit)) {
      throw new IllegalStateException(name + "(RLIMIT_NOFILE) failed");
    }
  }

  private static boolean tryCall(MethodHandle function, MemorySegment limit) {
    try {
      return (int) function.invokeExact(RLIMIT_NOFILE, limit) == 0;
    } catch (Throwable e) {
      throw new IllegalStateException("calling into libc failed", e);
    }
  }
}
