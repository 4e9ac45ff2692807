package dev.securechat.client.terminal;

import dev.securechat.client.e2e.SecureMessenger;
import dev.securechat.client.state.HistoryEntry;
import dev.securechat.client.state.IdentityPins;
import dev.securechat.crypto.trust.SafetyNumber;
import dev.securechat.protocol.ServerFrame;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries out the slash commands and answers in plain words. */
final class CommandRunner {
  static final int HISTORY_LINES = 50;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

  private final SecureMessenger messenger;
  private final Console console;
  private final Lines lines;
  private final ErrorText errors;
  private final KnownUsers users;
  private final Clock clock;

  CommandRunner(
      SecureMessenger messenger,
      Console console,
      Lines lines,
      ErrorText errors,
      KnownUsers users,
      Clock clock) {
    this.messenger = messenger;
    this.console = console;
    this.lines = lines;
    this.errors = errors;
    this.users = users;
    this.clock = clock;
  }

  /** Asks the server who exists, for {@code /users} and for Tab completion. */
  void refreshUsers() {
    if (messenger.chat().isConnected()) {
      messenger
          .chat()
          .users()
          .thenAccept(users::replace)
          .exceptionally(
              e -> {
                // Only completion suffers; /users reports failures to the person.
                log.debug("Could not list users: {}", e.toString());
                return null;
              });
    }
  }

  void users() {
    if (!messenger.chat().isConnected()) {
      tell("Offline; as last seen:");
      list(users.others());
      return;
    }
    try {
      List<ServerFrame.UserEntry> all =
          messenger.chat().users().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      users.replace(all);
      List<String> online =
          all.stream().filter(ServerFrame.UserEntry::online).map(u -> mark(u.username())).toList();
      tell("Online (" + online.size() + "): " + String.join(", ", online));
      tell(
          "Everyone ("
              + all.size()
              + "): "
              + String.join(", ", all.stream().map(u -> mark(u.username())).toList()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      warn(errors.of(e));
    }
  }

  private void list(Collection<String> names) {
    tell(names.isEmpty() ? "(nobody yet)" : String.join(", ", names));
  }

  /** "you" for oneself, and who is verified, so the list says whom to trust. */
  private String mark(String name) {
    if (name.equals(users.me())) {
      return name + " (you)";
    }
    boolean verified = messenger.identityOf(name).map(IdentityPins.Pin::verified).orElse(false);
    return verified ? name + " (verified)" : name;
  }

  void verify(String peer) {
    if (peer.equals(users.me())) {
      tell("That is you: a safety number is compared with someone else.");
      return;
    }
    Optional<SafetyNumber> pending = messenger.pendingSafetyNumber(peer);
    if (pending.isPresent()) {
      warn(peer + "'s key has changed. The safety number with the new key:");
      number(pending.get());
      tell(
          "Compare it with "
              + peer
              + " in person or on a call. If it matches, accept the new key: /trust @"
              + peer);
      return;
    }
    Optional<SafetyNumber> number = messenger.safetyNumber(peer);
    if (number.isEmpty()) {
      tell(
          "You have no key for "
              + peer
              + " yet. Exchange a message with "
              + peer
              + " first, then /verify @"
              + peer
              + " again.");
      return;
    }
    boolean verified = messenger.identityOf(peer).map(IdentityPins.Pin::verified).orElse(false);
    tell("Safety number with " + peer + " (" + peer + " sees the same):");
    number(number.get());
    tell(
        verified
            ? peer + " is verified."
            : "Compare it with "
                + peer
                + " in person or on a call. If it matches: /trust @"
                + peer);
  }

  /** Twelve groups of five digits, six to a line: fits 80 columns and reads aloud well. */
  private void number(SafetyNumber n) {
    String[] groups = n.formatted().split(" ");
    int half = groups.length / 2;
    console.show(
        console
            .style()
            .bold(
                "    "
                    + String.join(" ", List.of(groups).subList(0, half))
                    + "\n    "
                    + String.join(" ", List.of(groups).subList(half, groups.length))));
  }

  void trust(String peer) {
    Optional<IdentityPins.Pin> pin = messenger.identityOf(peer);
    if (pin.isEmpty()) {
      tell("You have no key for " + peer + " yet; exchange a message first.");
    } else if (pin.get().blocked()) {
      messenger.acceptIdentity(peer);
      console.show(
          console
              .style()
              .ok(
                  lines.notice(
                      "Accepted "
                          + peer
                          + "'s new key; messages to "
                          + peer
                          + " flow again. Once you have compared safety numbers, /trust @"
                          + peer
                          + " again marks "
                          + peer
                          + " verified.",
                      console.width())));
    } else if (pin.get().verified()) {
      tell(peer + " is already verified.");
    } else {
      messenger.markVerified(peer);
      console.show(console.style().ok(lines.notice(peer + " is now verified.", console.width())));
    }
  }

  void history(Optional<String> peer) {
    List<HistoryEntry> entries = messenger.history().last(HISTORY_LINES, peer);
    if (entries.isEmpty()) {
      tell(peer.map(p -> "No messages with " + p + " on this device.").orElse("No messages yet."));
      return;
    }
    tell(
        "Last "
            + entries.size()
            + " messages"
            + peer.map(p -> " with " + p).orElse("")
            + " (from this device's sealed store):");
    var now = clock.instant();
    entries.forEach(e -> console.show(lines.history(e, now, console.width())));
  }

  void help() {
    tell(CommandParser.HELP);
  }

  private void tell(String text) {
    console.show(text.contains("\n") ? text : lines.notice(text, console.width()));
  }

  private void warn(String text) {
    console.show(lines.warning(text, console.width()));
  }
}
