package dev.securechat.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigLoaderTest {
  @TempDir Path dir;

  private ClientConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> cli)
      throws ConfigException {
    return ClientConfigLoader.load(file, dir.resolve("cwd"), dir.resolve("home"), env, cli)
        .config();
  }

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void defaultsAreTheOriginalOnes() throws Exception {
    ClientConfig c = load(Optional.empty(), Map.of(), Map.of());

    assertThat(c.server()).isEqualTo(new ClientConfig.Server("localhost", 8888));
    assertThat(c.logging())
        .isEqualTo(new ClientConfig.Logging(ClientConfig.Logging.Level.INFO, false));
    assertThat(c.client().receiveBuffer()).isEqualTo(4096);
  }

  @TestFactory
  Stream<DynamicTest> everySampleClientConfigInTheRepositoryLoads() throws IOException {
    Path config = repositoryRoot().resolve("config");
    List<Path> samples;
    try (Stream<Path> files = Files.list(config)) {
      samples =
          files
              .filter(f -> f.getFileName().toString().matches("config(\\.[\\w-]+)?\\.ini"))
              .sorted()
              .toList();
    }
    assertThat(samples).isNotEmpty();
    return samples.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      String[] parts = f.getFileName().toString().split("\\.");
                      Path base = f.resolveSibling("config.ini");
                      Map<String, String> env =
                          parts.length == 3 ? Map.of("SECURECHAT_ENV", parts[1]) : Map.of();
                      load(Optional.of(base), env, Map.of());
                    }));
  }

  @Test
  void theSampleSetsEveryKeyToItsDefault() throws Exception {
    Path sample = repositoryRoot().resolve("config/config.ini");

    assertThat(load(Optional.of(sample), Map.of(), Map.of()))
        .isEqualTo(load(Optional.empty(), Map.of(), Map.of()));
  }

  @Test
  void theOriginalFileWithItsCapitalisedFalseLoads() throws Exception {
    Path file =
        write(
            "original.ini",
            "[Server]\nhost = localhost\nport = 8888\n\n[Logging]\nlevel = INFO\n"
                + "debug_mode = False\n\n[Client]\nreceive_buffer = 4096\n");

    assertThat(load(Optional.of(file), Map.of(), Map.of()).logging().debugMode()).isFalse();
  }

  @Test
  void looksInTheWorkingDirectoryThenTheUsersConfigFolder() throws Exception {
    Map<String, String> noXdg = Map.of();
    write("home/.config/securechat/config.ini", "[Server]\nport = 2000\n");
    assertThat(load(Optional.empty(), noXdg, Map.of()).server().port()).isEqualTo(2000);

    Map<String, String> xdg = Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
    write("xdg/securechat/config.ini", "[Server]\nport = 3000\n");
    assertThat(load(Optional.empty(), xdg, Map.of()).server().port()).isEqualTo(3000);

    write("cwd/config.ini", "[Server]\nport = 4000\n");
    assertThat(load(Optional.empty(), xdg, Map.of()).server().port()).isEqualTo(4000);
  }

  @Test
  void layersOverlayThenEnvironmentThenCommandLine() throws Exception {
    Path base = write("etc/config.ini", "[Server]\nhost = base.example\nport = 1000\n");
    write("etc/config.staging.ini", "[Server]\nport = 1001\n[Logging]\ndebug_mode = yes\n");
    Map<String, String> env =
        Map.of(
            "SECURECHAT_ENV", "staging",
            "SECURECHAT_LOGGING_LEVEL", "warn",
            // The server's own settings are not the client's business.
            "SECURECHAT_STORAGE_URL", "jdbc:postgresql://db/chat");

    ClientConfig c = load(Optional.of(base), env, Map.of("server.host", "cli.example"));

    assertThat(c.server()).isEqualTo(new ClientConfig.Server("cli.example", 1001));
    assertThat(c.logging().level()).isEqualTo(ClientConfig.Logging.Level.WARN);
    assertThat(c.logging().effectiveLevel()).isEqualTo(ClientConfig.Logging.Level.DEBUG);
  }

  @Test
  void aBadValueIsNamedWithWhereItCameFromAndWhatIsAllowed() throws Exception {
    Path file = write("bad.ini", "[Server]\nport = 70000\n");
    assertThatThrownBy(() -> load(Optional.of(file), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":2 [Server] port = \"70000\": must be a whole number from 1 to 65535");

    Path level = write("level.ini", "[Logging]\nlevel = LOUD\n");
    assertThatThrownBy(() -> load(Optional.of(level), Map.of(), Map.of()))
        .hasMessage(
            level
                + ":2 [Logging] level = \"LOUD\": must be one of TRACE, DEBUG, INFO, WARN, ERROR");

    assertThatThrownBy(
            () ->
                load(Optional.empty(), Map.of("SECURECHAT_LOGGING_DEBUG_MODE", "maybe"), Map.of()))
        .hasMessage(
            "environment variable SECURECHAT_LOGGING_DEBUG_MODE [Logging] debug_mode = \"maybe\":"
                + " must be true or false (also yes/no, on/off, 1/0)");

    assertThatThrownBy(() -> load(Optional.empty(), Map.of(), Map.of("server.port", "abc")))
        .hasMessage("command line [Server] port = \"abc\": must be a whole number from 1 to 65535");

    Path small = write("small.ini", "[Client]\nreceive_buffer = 12\n");
    assertThatThrownBy(() -> load(Optional.of(small), Map.of(), Map.of()))
        .hasMessageEndingWith("must be a whole number from 1024 to 1048576");

    Path host = write("host.ini", "[Server]\nhost = bad host!\n");
    assertThatThrownBy(() -> load(Optional.of(host), Map.of(), Map.of()))
        .hasMessageContaining("[Server] host = \"bad host!\": must be 1 to 253 characters");
  }

  @Test
  void unknownKeysSectionsAndMissingFilesAreErrors() throws Exception {
    Path typo = write("typo.ini", "[Server]\nhots = x\n");
    assertThatThrownBy(() -> load(Optional.of(typo), Map.of(), Map.of()))
        .hasMessage(typo + ":2: unknown key \"hots\" in [Server]; known keys: host, port");

    Path section = write("section.ini", "[Storage]\nurl = x\n");
    assertThatThrownBy(() -> load(Optional.of(section), Map.of(), Map.of()))
        .hasMessage(
            section + ":1: unknown section [Storage]; known sections: Server, Logging, Client");

    Path missing = dir.resolve("nope.ini");
    assertThatThrownBy(() -> load(Optional.of(missing), Map.of(), Map.of()))
        .hasMessage("config file " + missing + " does not exist");

    assertThatThrownBy(
            () -> load(Optional.empty(), Map.of("SECURECHAT_CLIENT_BUFFER", "1"), Map.of()))
        .hasMessageStartingWith("environment variable SECURECHAT_CLIENT_BUFFER: no key \"buffer\"");

    Path base = write("over/config.ini", "[Server]\n");
    assertThatThrownBy(() -> load(Optional.of(base), Map.of("SECURECHAT_ENV", "prod"), Map.of()))
        .hasMessageContaining("config.prod.ini, which does not exist");
  }

  /** Maven sets the property; an IDE running the test from the module folder may not. */
  private static Path repositoryRoot() {
    String property = System.getProperty("maven.multiModuleProjectDirectory");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("config")) && Files.isRegularFile(d.resolve("securechat"))) {
        return d;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
