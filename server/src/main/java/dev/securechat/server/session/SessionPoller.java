package dev.securechat.server.session;

import dev.securechat.protocol.ErrorCode;
import dev.securechat.server.store.BroadcastLog;
import dev.securechat.server.store.MessageQueue;
import dev.securechat.server.store.QueueHead;
import java.util.List;
import java.util.Map;

/**
 * Reads where every session on this node stands from the store, whatever notices said: a lost
 * notice, a stale lease or a Redis outage delays a delivery until the next poll, never longer. Two
 * queries for all sessions (per 500), then store reads only for the sessions that are behind. A
 * session whose account has logged in again since is closed here too, in case the notice telling
 * this node so was lost. Blocking: run it off the event loops.
 */
public final class SessionPoller {
  private final SessionRegistry registry;
  private final MessageQueue queue;
  private final BroadcastLog broadcasts;

  public SessionPoller(SessionRegistry registry, MessageQueue queue, BroadcastLog broadcasts) {
    this.registry = registry;
    this.queue = queue;
    this.broadcasts = broadcasts;
  }

  /** Checks every session on this node; returns how many. */
  public int pollAll() {
    return poll(List.copyOf(registry.all()));
  }

  /** Checks {@code sessions}; returns how many. */
  public int poll(List<ChatSession> sessions) {
    if (sessions.isEmpty()) {
      return 0;
    }
    long head = broadcasts.head();
    Map<Long, QueueHead> heads = queue.heads(sessions.stream().map(ChatSession::userId).toList());
    for (ChatSession session : sessions) {
      QueueHead h = heads.get(session.userId());
      if (h == null) {
        continue;
      }
      if (h.sessionNo() > session.sessionNo()) {
        session.close(ErrorCode.SESSION_REPLACED, "this account logged in again elsewhere");
        continue;
      }
      session.notifyDirect(h.lastQseq());
      session.notifyBroadcast(head);
    }
    return sessions.size();
  }
}
