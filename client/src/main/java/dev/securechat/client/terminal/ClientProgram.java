package dev.securechat.client.terminal;

import dev.securechat.client.Backoff;
import dev.securechat.client.ClientOptions;
import dev.securechat.client.LoginInfo;
import dev.securechat.client.config.ClientConfig;
import dev.securechat.client.e2e.SecureMessenger;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.protocol.Limits;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The terminal program once configured: wires the messenger to the console, runs the start menu,
 * then the chat. The state folder holds {@code known_servers} (pinned server keys), {@code
 * client.log} and {@code accounts/<name>/} (each account's sealed keys, outbox and history).
 */
public final class ClientProgram {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final ClientConfig config;
  private final Path home;
  private final Console console;
  private final Clock clock;

  public ClientProgram(ClientConfig config, Path home, Console console, Clock clock) {
    this.config = config;
    this.home = home;
    this.console = console;
    this.clock = clock;
  }

  /** Runs until the person leaves; returns the process exit code. */
  public int run() {
    String server = config.server().address();
    var lines = new Lines(console.style(), ZoneId.systemDefault());
    var users = new KnownUsers();
    var events = new Events(console, lines, users, clock);
    var known = new KnownServers(home.resolve("known_servers"));
    var trust = new ServerTrust(known);
    Path accounts = home.resolve("accounts");
    try (var transport =
            new ClientTransport(
                known,
                trust,
                1,
                Limits.MAX_CONFIGURABLE_FRAME_BYTES,
                config.client().receiveBuffer());
        var messenger =
            new SecureMessenger(
                transport,
                accounts,
                events,
                clock,
                SecureMessenger.StoreCost.DEFAULT,
                // A dropped connection comes back by itself: 0.5 s doubling to 30 s, jittered.
                ClientOptions.defaults()
                    .reconnecting(
                        new Backoff(
                            Duration.ofMillis(500), Duration.ofSeconds(30), new SecureRandom())))) {
      var menu =
          new StartMenu(
              messenger, console, lines, () -> connect(messenger, trust), events, accounts, server);
      Optional<LoginInfo> login = menu.run();
      if (login.isEmpty()) {
        console.show("Bye.");
        return 0;
      }
      var chat = new ChatScreen(messenger, console, lines, users, events, server, clock);
      chat.run(login.get());
      return 0;
    }
  }

  /**
   * Connects; the first time a server is met, asks the person to trust its key (on this thread,
   * outside the handshake) and connects again once it is pinned.
   */
  private CompletableFuture<Void> connect(SecureMessenger messenger, ServerTrust trust) {
    String host = config.server().host();
    int port = config.server().port();
    try {
      messenger
          .connect(host, port, CONNECT_TIMEOUT)
          .get(CONNECT_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
      return CompletableFuture.completedFuture(null);
    } catch (ExecutionException | TimeoutException e) {
      Optional<ServerTrust.Seen> seen = trust.takeSeen();
      if (seen.isEmpty()) {
        return CompletableFuture.failedFuture(e);
      }
      if (!trust.askAndPin(seen.get(), console)) {
        return CompletableFuture.failedFuture(
            new java.security.cert.CertificateException(
                "you chose not to trust " + seen.get().server()));
      }
      return messenger.connect(host, port, CONNECT_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(e);
    }
  }
}
