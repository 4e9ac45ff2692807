package dev.securechat.server.session;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame.PresenceChange;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions logged in on this node, one per account, and the presence announcements that follow
 * from them. A new login replaces (and closes) the account's previous session. Presence is pushed
 * only while at most {@code pushLimit} accounts are online: every change goes to every session, so
 * a reconnect storm of n clients would otherwise send n² frames.
 */
public final class SessionRegistry {
  private final ConcurrentHashMap<String, ChatSession> byUser = new ConcurrentHashMap<>();
  private final int pushLimit;

  public SessionRegistry(int pushLimit) {
    this.pushLimit = pushLimit;
  }

  /** Makes {@code session} its account's current one, closing the one it replaces. */
  void attach(ChatSession session) {
    ChatSession previous = byUser.put(session.username(), session);
    if (previous != null) {
      previous.close(ErrorCode.SESSION_REPLACED, "this account logged in again elsewhere");
    } else {
      announce(session, true);
    }
  }

  /** Forgets {@code session} if it is still its account's current one. */
  void detach(ChatSession session) {
    if (byUser.remove(session.username(), session)) {
      announce(session, false);
    }
  }

  public Optional<ChatSession> find(String username) {
    return Optional.ofNullable(byUser.get(username));
  }

  public Collection<ChatSession> all() {
    return byUser.values();
  }

  public List<String> online() {
    return byUser.keySet().stream().sorted().toList();
  }

  /**
   * The snapshot a session gets after login: everyone online, oneself included, or nobody when
   * presence is not pushed (an empty snapshot, which otherwise cannot happen, tells the client so).
   */
  List<String> presenceSnapshot() {
    return pushing() ? online() : List.of();
  }

  private boolean pushing() {
    return byUser.size() <= pushLimit;
  }

  public boolean isOnline(String username) {
    return byUser.containsKey(username);
  }

  private void announce(ChatSession about, boolean online) {
    if (!pushing()) {
      return;
    }
    PresenceChange change = new PresenceChange(about.username(), online);
    for (ChatSession other : byUser.values()) {
      if (other != about) {
        other.send(change);
      }
    }
  }
}
