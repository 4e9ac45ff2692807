package dev.securechat.server.config;

import java.util.HashMap;
import java.util.Map;

/**
 * The text of every key after layering: starts with the defaults, and each later layer replaces
 * what it sets, remembering where each value came from.
 */
final class RawSettings {
  private final Map<ConfigKeys.Key, RawValue> values = new HashMap<>();

  RawSettings() {
    for (ConfigKeys.Key key : ConfigKeys.all()) {
      values.put(key, new RawValue(key.defaultText(), ConfigSource.DEFAULT));
    }
  }

  void put(ConfigKeys.Key key, RawValue value) {
    values.put(key, value);
  }

  RawValue get(ConfigKeys.Key key) {
    return values.get(key);
  }
}
