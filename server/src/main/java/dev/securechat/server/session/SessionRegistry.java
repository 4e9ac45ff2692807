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
 */
public final class SessionRegistry {
  private final ConcurrentHashMap<String, ChatSession> byUser = new ConcurrentHashMap<>();

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

  /** Tells every session here except {@code username}'s own that it came or went. */
  public void announce(String username, boolean online) {
    PresenceChange change = new PresenceChange(username, online);
    for (ChatSession other : byUser.values()) {
      if (!other.username().equals(username)) {
        other.send(change);
      }
    }
  }
}
