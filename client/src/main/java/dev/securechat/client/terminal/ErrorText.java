package dev.securechat.client.terminal;

import dev.securechat.client.e2e.UntrustedIdentityException;
import dev.securechat.client.net.ConnectionLostException;
import dev.securechat.client.net.ServerErrorException;
import dev.securechat.client.net.ServerKeyChangedException;
import dev.securechat.client.state.StateException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Every failure the person can meet, in plain words, with what to do about it. */
final class ErrorText {
  private final String server;

  /**
   * @param server {@code host:port}, named when it cannot be reached
   */
  ErrorText(String server) {
    this.server = server;
  }

  String of(Throwable failure) {
    Throwable t = unwrap(failure);
    return switch (t) {
      case ServerErrorException e -> server(e);
      case ServerKeyChangedException e -> e.getMessage();
      case CertificateException e -> "Not connected: " + e.getMessage() + ".";
      case ConnectException e ->
          "The server at "
              + server
              + " is unreachable. Is it running? Check [Server] host and"
              + " port in config.ini, or --host and --port.";
      case TimeoutException e ->
          "The server at " + server + " did not answer in time. Try again in a moment.";
      case ConnectionLostException e ->
          "The connection to " + server + " was lost: " + e.getMessage() + ".";
      case UntrustedIdentityException e -> e.getMessage();
      case StateException e ->
          "The local state cannot be used: "
              + e.getMessage()
              + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")")
              + ".";
      case IllegalArgumentException e -> capitalise(e.getMessage()) + ".";
      case IllegalStateException e -> capitalise(e.getMessage()) + ".";
      default -> "Something went wrong: " + t.getMessage() + " (details are in the log file).";
    };
  }

  private String server(ServerErrorException e) {
    return switch (e.code()) {
      case USERNAME_TAKEN -> "That username is taken; choose another.";
      case AUTH_FAILED -> "Wrong username or password.";
      case LOCKED_OUT ->
          e.retryAfter().isZero()
              // No time to wait for: the operator locked the account.
              ? capitalise(e.getMessage()) + "."
              : "Too many failed logins: locked out for "
                  + seconds(e.retryAfter())
                  + ". Try again then.";
      case TOO_MANY_REQUESTS ->
          "Too many registrations from this address: try again in " + seconds(e.retryAfter()) + ".";
      case USERNAME_INVALID -> "Usernames are 3 to 32 characters of a-z, 0-9, '_', '.' and '-'.";
      case TOKEN_INVALID -> "The saved login is no longer valid; log in with your password.";
      case UNKNOWN_USER, UNKNOWN_RECIPIENT -> "There is no such user.";
      case IDENTITY_KEY_TAKEN -> "These keys belong to another account; register a new name.";
      case TOO_MANY_CONNECTIONS ->
          "The server refuses more connections from this address; close other clients and retry.";
      case PROTOCOL_VERSION_MISMATCH ->
          "This client and the server at " + server + " speak different protocol versions; update.";
      case QUEUE_FULL -> "That person's mailbox is full; try again later.";
      case STORAGE_UNAVAILABLE -> "The server cannot store messages right now; try again later.";
      case SESSION_REPLACED -> "You logged in somewhere else, which ended this session.";
      default -> capitalise(e.code().description()) + ".";
    };
  }

  /** "1 second", "42 seconds", "3 minutes 5 seconds". */
  static String seconds(Duration d) {
    long s = Math.max(1, (d.toMillis() + 999) / 1000);
    if (s < 120) {
      return s + (s == 1 ? " second" : " seconds");
    }
    long m = s / 60;
    long rest = s % 60;
    return m + " minutes" + (rest == 0 ? "" : " " + rest + (rest == 1 ? " second" : " seconds"));
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static String capitalise(String s) {
    if (s == null || s.isEmpty()) {
      return "Unexpected failure";
    }
    String trimmed = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    return Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
  }
}
