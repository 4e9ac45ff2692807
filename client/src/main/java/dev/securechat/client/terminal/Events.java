package dev.securechat.client.terminal;

import dev.securechat.client.LoginInfo;
import dev.securechat.client.e2e.MessengerListener;
import dev.securechat.client.e2e.ReceivedText;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the messenger reports, shown to the person. Runs on the connection's thread, so it only
 * formats and prints. A message whose server time is before the last login arrived while the person
 * was away (or offline), and is marked so.
 */
final class Events implements MessengerListener {
  private final Console console;
  private final Lines lines;
  private final KnownUsers users;
  private final Clock clock;
  private volatile Instant awayBefore = Instant.MIN;
  private volatile boolean chatting;
  private volatile SessionEvents session = SessionEvents.NONE;

  Events(Console console, Lines lines, KnownUsers users, Clock clock) {
    this.console = console;
    this.lines = lines;
    this.users = users;
    this.clock = clock;
  }

  /** Called just before a login or resume: what the server kept until now was sent while away. */
  void loggingIn() {
    awayBefore = clock.instant();
  }

  /** From now on presence changes are worth a line, and the session's ups and downs go there. */
  void chatting(SessionEvents session) {
    this.session = session;
    this.chatting = true;
  }

  void leaving() {
    this.chatting = false;
    this.session = SessionEvents.NONE;
  }

  @Override
  public void onText(ReceivedText t) {
    users.seen(t.from());
    boolean away = t.serverTime().isBefore(awayBefore);
    console.show(lines.received(t, away, clock.instant(), console.width()));
  }

  @Override
  public void onUndecryptable(Stream stream, String from, long qseq) {
    console.show(
        lines.warning(
            "A "
                + (stream == Stream.DIRECT ? "direct message" : "broadcast")
                + " from "
                + from
                + " could not be decrypted and is not shown.",
            console.width()));
  }

  @Override
  public void onIdentityChanged(String peer) {
    console.show(
        lines.warning(
            peer
                + "'s identity key has changed: a new device, or someone in between. Messages to "
                + peer
                + " are held until you compare the safety number with them (/verify @"
                + peer
                + ") and accept the new key (/trust @"
                + peer
                + ").",
            console.width()));
  }

  @Override
  public void onPresence(List<String> online) {
    users.online(online);
    if (online.isEmpty()) {
      // The snapshot always holds oneself, unless the server has too many people online to push
      // presence at all (docs/protocol.md, 5.6).
      console.show(
          console
              .style()
              .dim(
                  lines.notice(
                      "Too many people are online for the server to announce who comes and goes;"
                          + " /users lists who is online.",
                      console.width())));
    }
  }

  @Override
  public void onPresenceChange(String username, boolean online) {
    users.changed(username, online);
    if (chatting && !username.equals(users.me())) {
      console.show(
          console
              .style()
              .dim(
                  lines.notice(
                      username + (online ? " is online." : " went offline."), console.width())));
    }
  }

  @Override
  public void onDisconnected(ServerFrame.Bye bye) {
    session.disconnected(bye);
  }

  @Override
  public void onReconnecting(int attempt, Duration wait, Throwable lastFailure) {
    session.reconnecting(attempt);
  }

  /** Runs before the messages that waited arrive: those were sent while away. */
  @Override
  public void onReconnected(LoginInfo info) {
    loggingIn();
    session.reconnected();
  }

  @Override
  public void onReconnectAbandoned(Throwable cause) {
    session.abandoned(cause);
  }

  @Override
  public void onSendingHeld(ErrorCode reason, int waiting, Duration retryIn) {
    console.show(
        lines.warning(
            "The server cannot store messages right now ("
                + reason.description()
                + "). "
                + waiting
                + " message(s) wait on this device and are sent again automatically.",
            console.width()));
  }

  @Override
  public void onSendingResumed() {
    console.show(
        lines.notice(
            "The server stores messages again; the waiting ones are on their way.",
            console.width()));
  }
}
