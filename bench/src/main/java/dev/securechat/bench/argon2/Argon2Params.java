package dev.securechat.bench.argon2;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An Argon2id cost: memory in KiB, passes, lanes; written {@code m:t:p} on the command line. */
record Argon2Params(int memoryKib, int iterations, int parallelism) {

  Argon2Params {
    if (parallelism < 1 || iterations < 1 || memoryKib < 8 * parallelism) {
      throw new IllegalArgumentException(
          "Argon2 needs t >= 1, p >= 1 and m >= 8 * p KiB, got m=%d t=%d p=%d"
              .formatted(memoryKib, iterations, parallelism));
    }
  }

  @Override
  public String toString() {
    return "m=%d t=%d p=%d".formatted(memoryKib, iterations, parallelism);
  }

  /** Parses {@code 19456:2:1}. */
  static final class Converter implements ITypeConverter<Argon2Params> {
    @Override
    public Argon2Params convert(String value) {
      String[] parts = value.split(":");
      if (parts.length != 3) {
        throw new TypeConversionException(
            "expected MEMORY_KIB:ITERATIONS:PARALLELISM, got " + value);
      }
      try {
        return new Argon2Params(
            Integer.parseInt(parts[0].strip()),
            Integer.parseInt(parts[1].strip()),
            Integer.parseInt(parts[2].strip()));
      } catch (IllegalArgumentException e) {
        // NumberFormatException included: picocli shows this message with the option's name.
        throw new TypeConversionException(value + ": " + e.getMessage());
      }
    }
  }
}
