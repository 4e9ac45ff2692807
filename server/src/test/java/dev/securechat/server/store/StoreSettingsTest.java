package dev.securechat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

  private static StoreSettings settings(String url, String password, String synchronous) {
    return new StoreSettings(url, "chat", password, synchronous, 4, 100, 1000, Duration.ofDays(1));
  }

  @Test
  void keepsPasswordsOutOfToString() {
    String text =
        settings("jdbc:postgresql://db/chat?password=hunter2", "s3cret", "FULL").toString();

    assertThat(text)
        .doesNotContain("hunter2")
        .doesNotContain("s3cret")
        .contains("jdbc:postgresql://db/chat");
  }

  @Test
  void refusesWhatTheStoreCannotUse() {
    assertThatThrownBy(() -> settings("jdbc:mysql://db/chat", null, "FULL"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings("jdbc:sqlite:/tmp/x.db", null, "OFF"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new StoreSettings(
                    "jdbc:sqlite:/tmp/x.db", null, null, "FULL", 0, 1, 1, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
