package dev.securechat.server.session;

import dev.securechat.server.store.BroadcastMessage;
import dev.securechat.server.store.QueuedMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One node on its own: the registry is everyone, and there is nobody else to tell. */
public final class LocalDirectory implements Directory {
  private final SessionRegistry registry;

  public LocalDirectory(SessionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public CompletableFuture<Void> loggedIn(ChatSession session, boolean replacedHere) {
    if (!replacedHere) {
      registry.announce(session.username(), true);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void loggedOut(ChatSession session) {
    registry.announce(session.username(), false);
  }

  @Override
  public CompletableFuture<List<String>> online() {
    return CompletableFuture.completedFuture(registry.online());
  }

  @Override
  public void committedElsewhere(List<QueuedMessage> directs, List<BroadcastMessage> broadcasts) {
    // No other node: the router has pushed everything to the sessions here.
  }
}
