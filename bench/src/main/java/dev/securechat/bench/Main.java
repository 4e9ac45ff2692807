package dev.securechat.bench;

import dev.securechat.bench.argon2.Argon2Bench;
import dev.securechat.bench.broadcast.BroadcastBench;
import dev.securechat.bench.connections.ConnectionsBench;
import dev.securechat.bench.crypto.CryptoBench;
import dev.securechat.bench.loop.LoopBench;
import dev.securechat.bench.relay.RelayBench;
import dev.securechat.bench.store.StoreBench;
import dev.securechat.bench.storm.StormBench;
import dev.securechat.protocol.SoftwareVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code ./securechat bench <scenario>}: each scenario is a subcommand that runs a bounded
 * measurement on this machine (loopback only), prints a table and writes a JSON report.
 */
@Command(
    name = "securechat bench",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "SecureChat benchmarks. Run one scenario; each prints a table and writes JSON.",
    subcommands = {
      StoreBench.class,
      LoopBench.class,
      Argon2Bench.class,
      RelayBench.class,
      BroadcastBench.class,
      ConnectionsBench.class,
      StormBench.class,
      CryptoBench.class,
      HelpCommand.class
    })
public final class Main implements Callable<Integer> {

  /**
   * The server and client jars on the class path each bring their program's logback.xml; naming
   * ours keeps Logback from choosing by class path order and printing its multiplicity warnings.
   */
  static final String LOGBACK_CONFIG = "logback-bench.xml";

  public static void main(String[] args) {
    // Before the first logger exists, which is when Logback reads its configuration.
    System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /** Without a scenario there is nothing to measure: say which ones exist, as a usage error. */
  @Override
  public Integer call() {
    new CommandLine(this).usage(System.err);
    return 2;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"SecureChat bench " + SoftwareVersion.current()};
    }
  }
}
