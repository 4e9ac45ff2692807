package dev.securechat.bench.servers;

import dev.securechat.bench.load.Account;
import dev.securechat.bench.load.LoginMode;
import dev.securechat.bench.load.Target;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Servers that run already ({@code --connect host:port,...}): the bench cannot seed their
 * databases, so each client registers its account over the protocol (an earlier run's account with
 * the same name is reused) and logs in with the password, at the servers' own Argon2 cost.
 */
public record ExternalServers(
    List<Target> targets, List<URI> metrics, Set<String> fingerprints, List<Account> accounts)
    implements ServerUnderTest {

  public ExternalServers {
    targets = List.copyOf(targets);
    metrics = List.copyOf(metrics);
    fingerprints = Set.copyOf(fingerprints);
    accounts = List.copyOf(accounts);
  }

  @Override
  public LoginMode firstLogin() {
    return LoginMode.REGISTER;
  }

  @Override
  public Optional<ProcessHandle> process() {
    return Optional.empty();
  }

  @Override
  public String describe() {
    return "external: " + targets;
  }

  @Override
  public Optional<LogScan> log() {
    return Optional.empty();
  }

  @Override
  public void close() {
    // Not ours to stop.
  }
}
