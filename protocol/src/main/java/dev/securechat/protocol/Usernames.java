package dev.securechat.protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The one rule for usernames, shared by client and server: 3-32 of a-z 0-9 _ . - */
public final class Usernames {
  public static final int MIN_LENGTH = 3;
  public static final int MAX_LENGTH = 32;
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

  private Usernames() {}

  /**
   * Returns the canonical (lower-case) form, or empty when the name breaks the rule. The rule is
   * checked before lower-casing, so non-ASCII letters never fold into ASCII ones (no confusables:
   * U+212A KELVIN SIGN lower-cases to an ASCII "k").
   */
  public static Optional<String> normalize(String raw) {
    if (raw == null || raw.length() > MAX_LENGTH * 2 || !VALID.matcher(raw).matches()) {
      return Optional.empty();
    }
    return Optional.of(raw.toLowerCase(Locale.ROOT));
  }
}
