package dev.securechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The numbers are a wire contract (docs/protocol.md): never renumbered, only added. */
class ErrorCodeTest {

  @Test
  void numbersAreStable() {
    Map<String, Integer> actual = new LinkedHashMap<>();
    for (ErrorCode c : ErrorCode.values()) {
      actual.put(c.name(), c.code());
    }
    assertThat(actual)
        .containsExactly(
            entry("MALFORMED_FRAME", 1),
            entry("FRAME_TOO_LARGE", 2),
            entry("UNKNOWN_FRAME", 3),
            entry("UNSUPPORTED_FRAME_VERSION", 4),
            entry("PROTOCOL_VERSION_MISMATCH", 5),
            entry("NOT_AUTHENTICATED", 6),
            entry("LOGIN_TIMEOUT", 7),
            entry("ALREADY_AUTHENTICATED", 8),
            entry("UNEXPECTED_FRAME", 9),
            entry("USERNAME_INVALID", 20),
            entry("USERNAME_TAKEN", 21),
            entry("IDENTITY_KEY_TAKEN", 22),
            entry("AUTH_FAILED", 23),
            entry("LOCKED_OUT", 24),
            entry("TOKEN_INVALID", 25),
            entry("BAD_REQUEST", 26),
            entry("UNKNOWN_USER", 27),
            entry("TOO_MANY_REQUESTS", 28),
            entry("UNKNOWN_RECIPIENT", 40),
            entry("SEQ_GAP", 41),
            entry("SEQ_CONFLICT", 42),
            entry("QUEUE_FULL", 43),
            entry("STORAGE_UNAVAILABLE", 44),
            entry("SESSION_REPLACED", 60),
            entry("SERVER_SHUTDOWN", 61),
            entry("IDLE_TIMEOUT", 62),
            entry("LOGGED_OUT", 63),
            entry("DISCONNECTED_BY_ADMIN", 64),
            entry("TOO_MANY_CONNECTIONS", 65),
            entry("INTERNAL", 99));
  }

  @Test
  void everyCodeReadsBackAndUnknownOnesAreInternal() {
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(ErrorCode.of(c.code())).isEqualTo(c);
      assertThat(c.description()).isNotBlank();
    }
    assertThat(Arrays.stream(ErrorCode.values()).mapToInt(ErrorCode::code).distinct().count())
        .isEqualTo(ErrorCode.values().length);
    assertThat(ErrorCode.of(0)).isEqualTo(ErrorCode.INTERNAL);
    assertThat(ErrorCode.of(100)).isEqualTo(ErrorCode.INTERNAL);
    assertThat(ErrorCode.of(0xFFFF)).isEqualTo(ErrorCode.INTERNAL);
  }
}
