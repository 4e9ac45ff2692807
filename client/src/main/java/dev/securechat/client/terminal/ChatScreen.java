package dev.securechat.client.terminal;

import dev.securechat.client.ChatClient;
import dev.securechat.client.LoginInfo;
import dev.securechat.client.e2e.SecureMessenger;
import dev.securechat.client.net.ServerErrorException;
import dev.securechat.protocol.ServerFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat itself: reads lines until the person leaves, sends messages, runs commands, and keeps
 * going through dropped connections, which the client library re-establishes by itself (it was
 * built with {@code ClientOptions.reconnecting}). Incoming messages are printed by {@link Events}.
 */
final class ChatScreen {
  /** How long leaving waits for the server to confirm what was just sent. */
  private static final Duration LEAVE_WAIT = Duration.ofSeconds(5);

  /** How long a script's end of input waits for its messages to be stored. */
  private static final Duration SCRIPT_END_WAIT = Duration.ofSeconds(60);

  private final SecureMessenger messenger;
  private final Console console;
  private final Lines lines;
  private final ErrorText errors;
  private final KnownUsers users;
  private final Events events;
  private final String server;
  private final Clock clock;
  private static final Logger log = LoggerFactory.getLogger(ChatScreen.class);

  /**
   * @param server {@code host:port}, to say what was lost
   */
  ChatScreen(
      SecureMessenger messenger,
      Console console,
      Lines lines,
      KnownUsers users,
      Events events,
      String server,
      Clock clock) {
    this.messenger = messenger;
    this.console = console;
    this.lines = lines;
    this.errors = new ErrorText(server);
    this.users = users;
    this.events = events;
    this.server = server;
    this.clock = clock;
  }

  /** Runs until {@code /quit}, {@code exit} or the end of input. */
  void run(LoginInfo info) {
    log.info("Logged in as {} (session {})", info.username(), info.sessionNo());
    users.me(info.username());
    console.completeUsers(users::others);
    console.startChat();
    var commands = new CommandRunner(messenger, console, lines, errors, users, clock);
    var sender = new LineSender(messenger, this::warn, errors);
    events.chatting(session(sender, commands));
    commands.refreshUsers();
    tell(
        "Logged in as "
            + info.username()
            + ". Type a message for everyone, @name message for one person, /help for more.");
    if (!messenger.chat().isConnected()) {
      // The connection dropped between the login and now: nothing would report it again.
      disconnected(null, sender);
    }
    try {
      loop(info.username(), commands, sender);
    } finally {
      events.leaving();
    }
    leave(sender);
  }

  private void loop(String me, CommandRunner commands, LineSender sender) {
    String prompt = console.interactive() ? me + "> " : "";
    boolean quitWarned = false;
    while (true) {
      Optional<String> typed = console.readLine(prompt);
      if (typed.isEmpty()) {
        if (!console.interactive()) {
          awaitSent(sender, SCRIPT_END_WAIT);
        }
        return;
      }
      Command command = CommandParser.parse(typed.get());
      switch (command) {
        case Command.Quit q -> {
          if (sender.waiting() > 0 && !quitWarned) {
            quitWarned = true;
            warn(
                sender.waiting()
                    + " message(s) typed while offline are not sent yet and would be lost."
                    + " Type /quit again to leave anyway.");
            continue;
          }
          return;
        }
        case Command.Broadcast b -> send(command, null, b.text(), sender);
        case Command.Direct d -> send(command, d.to(), d.text(), sender);
        case Command.Users u -> commands.users();
        case Command.Verify v -> commands.verify(v.peer());
        case Command.Trust t -> commands.trust(t.peer());
        case Command.History h -> commands.history(h.peer());
        case Command.Help h -> commands.help();
        case Command.Nothing n -> {}
        case Command.Invalid i -> warn(i.reason());
      }
    }
  }

  private void send(Command message, String to, String text, LineSender sender) {
    if (to != null && to.equals(users.me())) {
      warn("That is you; write to someone else, or without @ to everyone.");
      return;
    }
    Instant now = clock.instant();
    boolean queued = sender.submit(message);
    console.replaceInput(lines.sent(to, text, now, console.width()));
    if (queued) {
      tell("(offline: it is sent once the connection is back)");
    }
  }

  /** What the screen does as the library loses and regains the session. */
  private SessionEvents session(LineSender sender, CommandRunner commands) {
    return new SessionEvents() {
      @Override
      public void disconnected(ServerFrame.Bye bye) {
        ChatScreen.this.disconnected(bye, sender);
      }

      @Override
      public void reconnecting(int attempt) {
        if (attempt == 4) {
          tell("Still offline; retrying. What you type is kept and sent once back.");
        }
      }

      @Override
      public void reconnected() {
        tell("Reconnected.");
        // Off the connection's thread: sending what waited may take a while.
        Thread.ofVirtual()
            .name("back-online")
            .start(
                () -> {
                  sender.online();
                  commands.refreshUsers();
                });
      }

      @Override
      public void abandoned(Throwable cause) {
        warn(errors.of(cause) + " Not reconnecting; type /quit.");
      }
    };
  }

  private void disconnected(ServerFrame.Bye bye, LineSender sender) {
    sender.offline();
    log.info("Disconnected from {}: {}", server, bye == null ? "connection lost" : bye.code());
    if (bye == null) {
      warn("The connection to " + server + " was lost. Reconnecting...");
    } else if (ChatClient.reconnectsAfter(bye)) {
      warn("The server closed the connection (" + bye.code().description() + "). Reconnecting...");
    } else {
      warn(
          errors.of(new ServerErrorException(bye.code(), bye.message(), Duration.ZERO))
              + " Type /quit.");
    }
  }

  private void leave(LineSender sender) {
    if (sender.waiting() > 0) {
      warn(sender.waiting() + " message(s) typed while offline were not sent.");
    }
    if (sender.unconfirmed() > 0 && messenger.chat().isConnected()) {
      awaitSent(sender, LEAVE_WAIT);
    }
    if (sender.unconfirmed() > 0) {
      tell(
          sender.unconfirmed()
              + " message(s) wait in this device's outbox; they are sent at your next login.");
    }
    tell("Bye.");
  }

  /** Waits for the server to confirm what was sent; polling, as it is bounded and rare. */
  private static void awaitSent(LineSender sender, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while ((sender.unconfirmed() > 0 || sender.waiting() > 0) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void tell(String text) {
    console.show(lines.notice(text, console.width()));
  }

  private void warn(String text) {
    console.show(lines.warning(text, console.width()));
  }
}
