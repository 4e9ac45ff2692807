package dev.securechat.protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The one rule for usernames, shared by client and server: 3-32 of a-z 0-9 _ . - */
public final class Usernames {
  public static final int MIN_LENGTH = 3;
  public static final int MAX_LENGTH = 32;
  private static final Pattern VALID = Pattern.compile("[a-z0-9_.-]{3,32}");

  private Usernames() {}

  /**
   * Returns the canonical (lower-case) form, or empty when the name breaks the rule. Lower-casing
   * uses the root locale, so non-ASCII letters never fold into ASCII ones (no confusables).
   */
  public static Optional<String> normalize(String raw) {
    if (raw == null || raw.length() > MAX_LENGTH * 2) {
      return Optional.empty();
    }
    String lower = raw.toLowerCase(Locale.ROOT);
    return VALID.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
  }
}
