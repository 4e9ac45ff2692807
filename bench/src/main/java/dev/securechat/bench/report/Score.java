package dev.securechat.bench.report;

import java.util.List;

/**
 * A figure measured in several iterations, summarised as JMH does: the mean, and the half-width of
 * its 99.9 % confidence interval from Student's t ({@code error}); plus the standard deviation and
 * the range, so that a noisy machine shows as such. With one iteration the error is NaN (JSON
 * null).
 */
public record Score(
    int iterations,
    double mean,
    double error,
    double sd,
    double min,
    double max,
    List<Double> all) {

  // Two-sided 99.9 % quantiles of Student's t, t(0.9995, df), for df = 1 to 30; then 40, 60 and 120
  // (used for every larger df). A df between table entries takes the next smaller one: a slightly
  // wider interval, never a narrower one.
  private static final double[] T_999 = {
    636.619, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587, 4.437, 4.318, 4.221,
    4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850, 3.819, 3.792, 3.768, 3.745, 3.725, 3.707,
    3.690, 3.674, 3.659, 3.646
  };
  private static final double T_999_DF40 = 3.551;
  private static final double T_999_DF60 = 3.460;
  private static final double T_999_DF120 = 3.373;

  public Score {
    all = List.copyOf(all);
  }

  public static Score of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values to score");
    }
    int n = values.size();
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    double sd = n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN;
    double error = n > 1 ? t999(n - 1) * sd / Math.sqrt(n) : Double.NaN;
    return new Score(
        n,
        mean,
        error,
        sd,
        values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
        values);
  }

  /** The error as a share of the mean: 0.05 means "± 5 %". */
  public double relativeError() {
    return error / mean;
  }

  static double t999(int df) {
    if (df < 1) {
      throw new IllegalArgumentException("degrees of freedom must be >= 1");
    }
    if (df <= T_999.length) {
      return T_999[df - 1];
    }
    if (df < 40) {
      return T_999[T_999.length - 1];
    }
    if (df < 60) {
      return T_999_DF40;
    }
    if (df < 120) {
      return T_999_DF60;
    }
    return T_999_DF120;
  }
}
