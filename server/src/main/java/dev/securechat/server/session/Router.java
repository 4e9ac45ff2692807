package dev.securechat.server.session;

import dev.securechat.server.store.BroadcastMessage;
import dev.securechat.server.store.CommitListener;
import dev.securechat.server.store.QueuedMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Hands each committed batch to the sessions it concerns. Runs on the writer thread. */
public final class Router implements CommitListener {
  private final SessionRegistry registry;

  public Router(SessionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void committed(List<QueuedMessage> directs, List<BroadcastMessage> broadcasts) {
    Map<String, List<QueuedMessage>> byRecipient =
        directs.stream()
            .collect(
                Collectors.groupingBy(
                    QueuedMessage::recipient, LinkedHashMap::new, Collectors.toList()));
    byRecipient.forEach(
        (recipient, messages) -> registry.find(recipient).ifPresent(s -> s.offerDirect(messages)));
    if (!broadcasts.isEmpty()) {
      for (ChatSession session : registry.all()) {
        session.offerBroadcasts(broadcasts);
      }
    }
  }
}
