package dev.securechat.server.store;

import java.util.List;

/**
 * Told on the writer thread, after each commit, which messages became durable, in commit order. It
 * must be quick: the next batch waits for it.
 */
@FunctionalInterface
public interface CommitListener {

  CommitListener NONE = (directs, broadcasts) -> {};

  void committed(List<QueuedMessage> directs, List<BroadcastMessage> broadcasts);
}
