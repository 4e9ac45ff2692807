package dev.securechat.config;

import java.util.regex.Pattern;

/**
 * Hides credentials that an operator may have written into a database or Redis URL ({@code
 * user:password@host}, {@code ?password=...}) so that the URL can appear in logs and errors.
 */
public final class UrlRedaction {
  private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/@?#]*@");
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)(password|pass|pwd|secret|token)=[^&;]*");

  private UrlRedaction() {}

  public static String redact(String url) {
    String withoutUser = USER_INFO.matcher(url).replaceAll("******@");
    return PASSWORD_PARAMETER.matcher(withoutUser).replaceAll("$1=******");
  }
}
