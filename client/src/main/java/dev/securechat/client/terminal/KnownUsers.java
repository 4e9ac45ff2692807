package dev.securechat.client.terminal;

import dev.securechat.protocol.ServerFrame;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/** The people this client knows of, for Tab completion and {@code /users}. */
final class KnownUsers {
  private final Set<String> all = new ConcurrentSkipListSet<>();
  private final Set<String> online = new ConcurrentSkipListSet<>();
  private volatile String me = "";

  /** The logged-in account, left out of completion. */
  void me(String name) {
    this.me = name;
  }

  String me() {
    return me;
  }

  void replace(List<ServerFrame.UserEntry> users) {
    users.forEach(u -> all.add(u.username()));
    online.clear();
    users.stream().filter(ServerFrame.UserEntry::online).forEach(u -> online.add(u.username()));
  }

  void online(List<String> names) {
    all.addAll(names);
    online.clear();
    online.addAll(names);
  }

  void changed(String name, boolean isOnline) {
    all.add(name);
    if (isOnline) {
      online.add(name);
    } else {
      online.remove(name);
    }
  }

  void seen(String name) {
    all.add(name);
  }

  /** Everyone but oneself, sorted. */
  Collection<String> others() {
    return all.stream().filter(n -> !n.equals(me)).toList();
  }

  boolean isOnline(String name) {
    return online.contains(name);
  }
}
