package dev.securechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsernamesTest {

  @ParameterizedTest
  @CsvSource({
    "abc, abc",
    "alice, alice",
    "Alice, alice",
    "ALICE_01, alice_01",
    "a.b-c_d, a.b-c_d",
    "007, 007",
    "..., ...",
    "---, ---",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "AbCdEfGhIjKlMnOpQrStUvWxYz012345, abcdefghijklmnopqrstuvwxyz012345"
  })
  void validNamesNormalizeToLowerCase(String raw, String canonical) {
    assertThat(Usernames.normalize(raw)).contains(canonical);
  }

  @Test
  void lengthsTwoAndThirtyThreeAreRefusedThreeAndThirtyTwoAccepted() {
    assertThat(Usernames.normalize("ab")).isEmpty();
    assertThat(Usernames.normalize("abc")).contains("abc");
    assertThat(Usernames.normalize("a".repeat(32))).contains("a".repeat(32));
    assertThat(Usernames.normalize("a".repeat(33))).isEmpty();
    assertThat(Usernames.normalize("")).isEmpty();
    assertThat(Usernames.normalize(null)).isEmpty();
    assertThat(Usernames.normalize("a".repeat(100_000))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u0430lice", // Cyrillic а
        "\u0410LICE", // Cyrillic А, upper case
        "\u0130stanbul", // İ, which lower-cases to i + combining dot
        "\u0130",
        "\u212Aate", // KELVIN SIGN, which lower-cases to ASCII k
        "\u212A\u212A\u212A",
        "caf\u00e9", // é
        "\uff41bc", // full-width a
        "ab\u200bc", // zero-width space
        "\u0131rmak", // dotless ı
        "stra\u00dfe", // ß
        "\ud83d\ude00ab", // emoji
        "a b",
        " abc",
        "abc ",
        "ab\tc",
        "abc\n",
        "ab\u0000c",
        "ab\u007fc",
        "a'; drop",
        "a'; drop table users; --",
        "bob@example",
        "a/b/c",
        "a\\bc",
        "a+bc",
        "a,bc"
      })
  void otherCharactersAreRefused(String raw) {
    assertThat(Usernames.normalize(raw))
        .as("%s", raw.codePoints().mapToObj(Integer::toHexString).toList())
        .isEmpty();
  }

  @Test
  void onlyAsciiLettersDigitsDotDashAndUnderscoreAreAllowed() {
    List<String> wrong = new ArrayList<>();
    for (int cp = 0; cp <= 0x10FFFF; cp++) {
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        continue;
      }
      boolean allowed =
          cp >= 'a' && cp <= 'z'
              || cp >= 'A' && cp <= 'Z'
              || cp >= '0' && cp <= '9'
              || cp == '_'
              || cp == '.'
              || cp == '-';
      String name = "ab" + Character.toString(cp);
      if (Usernames.normalize(name).isPresent() != allowed) {
        wrong.add("U+%04X".formatted(cp));
      }
    }
    assertThat(wrong).as("code points judged wrongly").isEmpty();
  }

  @Test
  void normalizingIsIdempotent() {
    String once = Usernames.normalize("Some.User-1").orElseThrow();
    assertThat(Usernames.normalize(once)).contains(once);
  }
}
