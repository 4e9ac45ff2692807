package dev.securechat.bench.report;

import java.util.Locale;

/** How figures are shown in tables: grouped thousands, a sensible number of decimals. */
public final class Format {
  private Format() {}

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Rates and other large figures: no decimals above 100, where they would be noise. */
  public static String rate(double perSecond) {
    if (!Double.isFinite(perSecond)) {
      return "-";
    }
    return perSecond >= 100
        ? String.format(Locale.ROOT, "%,.0f", perSecond)
        : String.format(Locale.ROOT, "%.1f", perSecond);
  }

  /** Milliseconds with three significant-ish digits, from 0.012 ms to 12,345 ms. */
  public static String millis(double ms) {
    if (!Double.isFinite(ms)) {
      return "-";
    }
    if (ms >= 100) {
      return String.format(Locale.ROOT, "%,.0f", ms);
    }
    if (ms >= 1) {
      return String.format(Locale.ROOT, "%.2f", ms);
    }
    return String.format(Locale.ROOT, "%.3f", ms);
  }

  public static String seconds(double s) {
    return String.format(Locale.ROOT, "%.2f s", s);
  }

  public static String decimal2(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.2f", d) : "-";
  }

  public static String decimal(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f", d) : "-";
  }
}
