package dev.securechat.server.session;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.ServerFrame.PresenceChange;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions logged in on this node, one per account. A new login replaces (and closes) the
 * account's previous session here; the {@link Directory} takes care of other nodes and presence.
 * Presence is pushed only while few are online ({@code pushLimit}): every change goes to every
 * session, so a reconnect storm of n clients would otherwise send n² frames.
 */
public final class SessionRegistry {
  private final ConcurrentHashMap<String, ChatSession> byUser = new ConcurrentHashMap<>();
  private final int pushLimit;

  public SessionRegistry(int pushLimit) {
    this.pushLimit = pushLimit;
  }

  /**
   * Makes {@code session} its account's current one here, closing the one it replaces; returns
   * whether it replaced one.
   */
  boolean attach(ChatSession session) {
    ChatSession previous = byUser.put(session.username(), session);
    if (previous == null) {
      return false;
    }
    previous.close(ErrorCode.SESSION_REPLACED, "this account logged in again elsewhere");
    return true;
  }

  /** Forgets {@code session} if it is still its account's current one; returns whether it was. */
  boolean detach(ChatSession session) {
    return byUser.remove(session.username(), session);
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

  public boolean isOnline(String username) {
    return byUser.containsKey(username);
  }

  /**
   * The snapshot a session gets after login: {@code online}, or nobody when more than the limit are
   * online (an empty snapshot, which otherwise cannot happen since it holds oneself, tells the
   * client that presence is not pushed).
   */
  List<String> presenceSnapshot(List<String> online) {
    return online.size() <= pushLimit ? online : List.of();
  }

  /**
   * Tells every session here except {@code username}'s own that it came or went, unless this node
   * has more sessions than the push limit.
   */
  public void announce(String username, boolean online) {
    if (byUser.size() > pushLimit) {
      return;
    }
    PresenceChange change = new PresenceChange(username, online);
    for (ChatSession other : byUser.values()) {
      if (!other.username().equals(username)) {
        other.send(change);
      }
    }
  }
}
