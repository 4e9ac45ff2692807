package dev.securechat.server.session;

import dev.securechat.server.store.BroadcastMessage;
import dev.securechat.server.store.CommitListener;
import dev.securechat.server.store.QueuedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Hands each committed batch to the sessions it concerns: those on this node straight from memory,
 * the rest through the {@link Directory}. Runs on the writer thread.
 */
public final class Router implements CommitListener {
  private final SessionRegistry registry;
  private final Directory directory;

  public Router(SessionRegistry registry, Directory directory) {
    this.registry = registry;
    this.directory = directory;
  }

  @Override
  public void committed(List<QueuedMessage> directs, List<BroadcastMessage> broadcasts) {
    Map<String, List<QueuedMessage>> byRecipient =
        directs.stream()
            .collect(
                Collectors.groupingBy(
                    QueuedMessage::recipient, LinkedHashMap::new, Collectors.toList()));
    List<QueuedMessage> elsewhere = new ArrayList<>();
    byRecipient.forEach(
        (recipient, messages) -> {
          Optional<ChatSession> here = registry.find(recipient);
          if (here.isPresent()) {
            here.get().offerDirect(messages);
          } else {
            elsewhere.addAll(messages);
          }
        });
    if (!broadcasts.isEmpty()) {
      for (ChatSession session : registry.all()) {
        session.offerBroadcasts(broadcasts);
      }
    }
    if (!elsewhere.isEmpty() || !broadcasts.isEmpty()) {
      directory.committedElsewhere(elsewhere, broadcasts);
    }
  }
}
