package dev.securechat.server.session;

import dev.securechat.server.store.BroadcastMessage;
import dev.securechat.server.store.QueuedMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Who is logged in where, beyond this node's own {@link SessionRegistry}: presence as clients see
 * it, and how other nodes learn of new messages. One node alone needs nothing beyond the registry
 * ({@link LocalDirectory}); a cluster keeps leases and notices in Redis. Redis only speeds things
 * up: every method copes with it being away, and the futures never fail.
 */
public interface Directory {

  /**
   * Called on the session's event loop once {@code session} is its account's session on this node
   * ({@code replacedHere}: it replaced one on this node). Claims the account, has any older session
   * elsewhere closed, and announces it. Completes when the account's queues may be read.
   */
  CompletableFuture<Void> loggedIn(ChatSession session, boolean replacedHere);

  /** Called once {@code session}, until now its account's session on this node, is gone. */
  void loggedOut(ChatSession session);

  /** Everyone logged in anywhere, sorted. */
  CompletableFuture<List<String>> online();

  /**
   * Called on the writer thread after a commit with the messages whose recipients are not on this
   * node, and every new broadcast. Must not block: the next batch waits for it.
   */
  void committedElsewhere(List<QueuedMessage> directs, List<BroadcastMessage> broadcasts);
}
