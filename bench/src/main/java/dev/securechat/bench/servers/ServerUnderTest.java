package dev.securechat.bench.servers;

import dev.securechat.bench.load.Account;
import dev.securechat.bench.load.LoginMode;
import dev.securechat.bench.load.Target;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server or servers a scenario loads: one the bench started as a child process, or servers
 * already running ({@code --connect}). Clients are spread over the targets round-robin.
 */
public interface ServerUnderTest extends AutoCloseable {
  List<Target> targets();

  /** The {@code /metrics} URL of each server; may be empty for external servers. */
  List<URI> metrics();

  /** The fingerprints clients may trust; empty for trust on first use. */
  Set<String> fingerprints();

  /** How clients log in: with a seeded device token, or by registering first. */
  LoginMode firstLogin();

  /** The accounts clients use, made or to be made. */
  List<Account> accounts();

  /** The child server's process, for memory and full GCs; empty for external servers. */
  Optional<ProcessHandle> process();

  /** A description for the report: the command line or the addresses. */
  String describe();

  /** The WARN and ERROR events the server logged, once it has stopped; empty if unknown. */
  Optional<LogScan> log();

  @Override
  void close();
}
