package dev.securechat.client.terminal;

import dev.securechat.client.ChatClient;
import dev.securechat.client.LoginInfo;
import dev.securechat.client.e2e.SecureMessenger;
import dev.securechat.protocol.Usernames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The original menu: 1 register, 2 login, 3 exit. Asks for a name and a password (twice when
 * registering), checks them before the server does, and says in plain words what went wrong.
 * Returns the login once one succeeds; empty when the person exits.
 */
final class StartMenu {
  static final int MAX_PASSWORD_CHARS = 1024;
  private static final Duration ACCOUNT_TIMEOUT = Duration.ofSeconds(60);

  private final SecureMessenger messenger;
  private final Console console;
  private final Lines lines;
  private final ErrorText errors;
  private final Supplier<CompletableFuture<Void>> connect;
  private final Events events;
  private final Path accounts;
  private final String server;

  /**
   * @param connect connects to the server (asking to trust its key the first time)
   * @param accounts where each account's keys live, one folder per name
   */
  StartMenu(
      SecureMessenger messenger,
      Console console,
      Lines lines,
      Supplier<CompletableFuture<Void>> connect,
      Events events,
      Path accounts,
      String server) {
    this.messenger = messenger;
    this.console = console;
    this.lines = lines;
    this.errors = new ErrorText(server);
    this.connect = connect;
    this.events = events;
    this.accounts = accounts;
    this.server = server;
  }

  Optional<LoginInfo> run() {
    console.show(console.style().bold("SecureChat") + " - end-to-end encrypted chat on " + server);
    connected();
    while (true) {
      console.show("  1) Register a new account\n  2) Log in\n  3) Exit");
      Optional<String> choice = console.readLine("Choose 1, 2 or 3: ");
      if (choice.isEmpty()) {
        return Optional.empty();
      }
      String c = choice.get().strip().toLowerCase(Locale.ROOT);
      Optional<LoginInfo> login =
          switch (c) {
            case "1", "register" -> register();
            case "2", "login" -> login();
            case "3", "exit", "quit", "/quit" -> {
              yield null;
            }
            default -> {
              warn(
                  c.isEmpty()
                      ? "Please choose: type 1, 2 or 3 and press Enter."
                      : "\"" + CommandParser.shorten(c) + "\" is not on the menu; type 1, 2 or 3.");
              yield Optional.empty();
            }
          };
      if (login == null) {
        return Optional.empty();
      }
      if (login.isPresent()) {
        return login;
      }
    }
  }

  private Optional<LoginInfo> register() {
    if (!connected()) {
      return Optional.empty();
    }
    Optional<String> name = username();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<char[]> password = newPassword();
    if (password.isEmpty()) {
      return Optional.empty();
    }
    if (isName(password.get(), name.get())) {
      // Checked before the keys are made, which takes seconds.
      Arrays.fill(password.get(), '\0');
      warn("The password must not be the username.");
      return Optional.empty();
    }
    try {
      tell("Creating keys for " + name.get() + " and registering...");
      await(messenger.register(name.get(), password.get()));
      tell(
          "Registered " + name.get() + ". Your keys are sealed with your password on this device.");
      return logIn(name.get(), password.get());
    } catch (Failure f) {
      warn(errors.of(f.getCause()));
      return Optional.empty();
    } finally {
      Arrays.fill(password.get(), '\0');
    }
  }

  private Optional<LoginInfo> login() {
    if (!connected()) {
      return Optional.empty();
    }
    Optional<String> name = username();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<char[]> password = password("Password: ");
    if (password.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (!Files.exists(accounts.resolve(name.get()).resolve("state.db"))) {
        // Keys never leave the device they were made on, so the server could not help anyway.
        warn(
            "This device has no keys for "
                + name.get()
                + ". Register here (1), or start the client with --home set to the folder where "
                + name.get()
                + " was registered.");
        return Optional.empty();
      }
      return connected() ? logIn(name.get(), password.get()) : Optional.empty();
    } finally {
      Arrays.fill(password.get(), '\0');
    }
  }

  private Optional<LoginInfo> logIn(String name, char[] password) {
    try {
      tell("Logging in as " + name + "...");
      events.loggingIn();
      return Optional.of(await(messenger.login(name, password)));
    } catch (Failure f) {
      warn(errors.of(f.getCause()));
      return Optional.empty();
    }
  }

  /** Asks until the name is valid; empty at the end of input. */
  private Optional<String> username() {
    while (true) {
      Optional<String> typed = console.readLine("Username: ");
      if (typed.isEmpty()) {
        return Optional.empty();
      }
      String raw = typed.get().strip();
      Optional<String> name = Usernames.normalize(raw);
      if (name.isPresent()) {
        return name;
      }
      warn(
          (raw.isEmpty()
                  ? "A username is needed"
                  : "\"" + CommandParser.shorten(raw) + "\" cannot be a username")
              + ": 3 to 32 characters of a-z, 0-9, '_', '.' and '-'.");
    }
  }

  private Optional<char[]> newPassword() {
    while (true) {
      Optional<char[]> first =
          password(
              "Choose a password (at least " + ChatClient.MIN_PASSWORD_LENGTH + " characters): ");
      if (first.isEmpty()) {
        return Optional.empty();
      }
      Optional<char[]> again = console.readSecret("Type it again: ");
      if (again.isEmpty()) {
        Arrays.fill(first.get(), '\0');
        return Optional.empty();
      }
      boolean same = Arrays.equals(first.get(), again.get());
      Arrays.fill(again.get(), '\0');
      if (same) {
        return first;
      }
      Arrays.fill(first.get(), '\0');
      warn("The two passwords differ; type them again.");
    }
  }

  /** Asks until the password could be one (length, no control characters). */
  private Optional<char[]> password(String prompt) {
    while (true) {
      Optional<char[]> typed = console.readSecret(prompt);
      if (typed.isEmpty()) {
        return typed;
      }
      Optional<String> problem = problem(typed.get());
      if (problem.isEmpty()) {
        return typed;
      }
      Arrays.fill(typed.get(), '\0');
      warn(problem.get());
    }
  }

  /** Compares without making a String of the password, which could not be wiped. */
  static boolean isName(char[] password, String canonicalName) {
    if (password.length != canonicalName.length()) {
      return false;
    }
    for (int i = 0; i < password.length; i++) {
      if (Character.toLowerCase(password[i]) != canonicalName.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** What is wrong with a password, if anything; never echoes it. */
  static Optional<String> problem(char[] password) {
    if (password.length < ChatClient.MIN_PASSWORD_LENGTH) {
      return Optional.of(
          "The password must have at least " + ChatClient.MIN_PASSWORD_LENGTH + " characters.");
    }
    if (password.length > MAX_PASSWORD_CHARS) {
      return Optional.of("The password may have at most " + MAX_PASSWORD_CHARS + " characters.");
    }
    for (char c : password) {
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("The password contains a control character; use printable ones.");
      }
    }
    return Optional.empty();
  }

  /** Connects if not connected; says why not if it cannot. */
  private boolean connected() {
    if (messenger.chat().isConnected()) {
      return true;
    }
    try {
      await(connect.get());
      return true;
    } catch (Failure f) {
      warn(errors.of(f.getCause()));
      return false;
    }
  }

  private static <T> T await(CompletableFuture<T> future) throws Failure {
    try {
      return future.get(ACCOUNT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(e);
    } catch (Exception e) {
      throw new Failure(e);
    }
  }

  /** A failed step, its cause for {@link ErrorText}. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(Throwable cause) {
      super(cause);
    }
  }

  private void tell(String text) {
    console.show(lines.notice(text, console.width()));
  }

  private void warn(String text) {
    console.show(lines.warning(text, console.width()));
  }
}
