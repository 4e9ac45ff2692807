package dev.securechat.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.config.IniFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The server's sample files in the repository's config/ folder ({@code server*.ini}; the client's
 * {@code config*.ini} are the client's to test) stay loadable and complete.
 */
class SampleConfigsTest {
  private static final Map<String, String> ENV = Map.of("HOSTNAME", "sample-host");

  @TestFactory
  Stream<DynamicTest> everySampleFileLoads() throws IOException {
    List<Path> files = sampleFiles();
    assertThat(files).isNotEmpty();
    return files.stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> load(file)));
  }

  @Test
  void baseSampleSetsEveryKeyToItsDefault() throws Exception {
    Path base = configDir().resolve("server.ini");

    assertThat(ServerConfigLoader.load(Optional.of(base), ENV, Map.of()))
        .isEqualTo(ServerConfigLoader.load(Optional.empty(), ENV, Map.of()));
    List<String> written =
        IniFile.read(base).sections().stream()
            .flatMap(s -> s.entries().stream().map(e -> s.name() + "." + e.key()))
            .toList();
    assertThat(written)
        .containsExactlyElementsOf(
            ConfigKeys.all().stream().map(k -> k.section() + "." + k.name()).toList());
  }

  /** {@code stem.env.ini} is an overlay, loaded over {@code stem.ini} as SECURECHAT_ENV does. */
  private static void load(Path file) throws ConfigException {
    String[] parts = file.getFileName().toString().split("\\.");
    if (parts.length == 3) {
      Path base = file.resolveSibling(parts[0] + ".ini");
      var env =
          Map.of("HOSTNAME", "sample-host", ServerConfigLoader.ENVIRONMENT_VARIABLE, parts[1]);
      ServerConfigLoader.load(Optional.of(base), env, Map.of());
    } else {
      ServerConfigLoader.load(Optional.of(file), ENV, Map.of());
    }
  }

  private static List<Path> sampleFiles() throws IOException {
    try (Stream<Path> files = Files.list(configDir())) {
      return files
          .filter(
              f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.startsWith("server") && name.endsWith(".ini");
              })
          .sorted()
          .toList();
    }
  }

  private static Path configDir() {
    return repositoryRoot().resolve("config");
  }

  /** Maven sets the property; an IDE running the test from the module folder may not. */
  private static Path repositoryRoot() {
    String property = System.getProperty("maven.multiModuleProjectDirectory");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (isParentPom(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no securechat-parent pom.xml above " + Path.of("").toAbsolutePath());
  }

  private static boolean isParentPom(Path pom) {
    if (!Files.isRegularFile(pom)) {
      return false;
    }
    try {
      String text = Files.readString(pom);
      // Module poms name securechat-parent too, as their parent; only the parent has modules.
      return text.contains("<artifactId>securechat-parent</artifactId>")
          && text.contains("<modules>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
