package dev.securechat.protocol;

/**
 * The seed and case count of a fuzz run: fixed defaults so that CI is repeatable, overridden by
 * {@code -Dsecurechat.fuzz.seed=...} (decimal, or hex with 0x) and {@code
 * -Dsecurechat.fuzz.cases=...} for a longer run (docs/security.md, "Hostile input").
 */
public record Fuzz(long seed, int cases) {
  public static final String SEED_PROPERTY = "securechat.fuzz.seed";
  public static final String CASES_PROPERTY = "securechat.fuzz.cases";

  /** The run's settings; {@code defaultCases} is what CI runs. */
  public static Fuzz settings(long defaultSeed, int defaultCases) {
    String seed = System.getProperty(SEED_PROPERTY, "").strip();
    String cases = System.getProperty(CASES_PROPERTY, "").strip();
    return new Fuzz(
        seed.isEmpty() ? defaultSeed : Long.decode(seed),
        cases.isEmpty() ? defaultCases : Integer.parseInt(cases));
  }

  /** {@code share} of the cases (at least one), for a part of a run that is costlier per case. */
  public int scaled(double share) {
    return Math.max(1, (int) (cases * share));
  }

  /** The words to put in a failure message, so that the case can be replayed. */
  public String replay(int caseNumber) {
    return "case %d of -D%s=0x%x -D%s=%d"
        .formatted(caseNumber, SEED_PROPERTY, seed, CASES_PROPERTY, cases);
  }
}
