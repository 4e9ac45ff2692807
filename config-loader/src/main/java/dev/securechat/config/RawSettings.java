package dev.securechat.config;

import java.util.HashMap;
import java.util.Map;

/**
 * The text of every key after layering: starts with the schema's defaults, and each later layer
 * replaces what it sets, remembering where each value came from.
 */
public final class RawSettings {
  private final ConfigSchema schema;
  private final Map<ConfigSchema.Key, RawValue> values = new HashMap<>();

  public RawSettings(ConfigSchema schema) {
    this.schema = schema;
    for (ConfigSchema.Key key : schema.all()) {
      values.put(key, new RawValue(key.defaultText(), ConfigSource.DEFAULT));
    }
  }

  public ConfigSchema schema() {
    return schema;
  }

  public void put(ConfigSchema.Key key, RawValue value) {
    values.put(key, value);
  }

  public RawValue get(ConfigSchema.Key key) {
    return values.get(key);
  }
}
