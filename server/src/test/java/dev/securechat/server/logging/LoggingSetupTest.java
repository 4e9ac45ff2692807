package dev.securechat.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import dev.securechat.server.config.LoggingSettings;
import dev.securechat.server.config.LoggingSettings.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingSetupTest {
  private static final Logger log = LoggerFactory.getLogger(LoggingSetupTest.class);

  @TempDir Path dir;

  @AfterEach
  void restoreTestLogging() throws Exception {
    LoggingSetup.restoreDefaults(LoggingSetup.context());
  }

  @Test
  void linesAtOrAboveTheLevelLandInTheFile() throws Exception {
    Path file = dir.resolve("logs/nested/server.log");
    LoggingSetup.apply(new LoggingSettings(Level.INFO, false, file, 10, 7));

    log.debug("debug line hidden");
    log.info("info line shown");
    log.warn("warn line shown");

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO  \\[.+\\] .*LoggingSetupTest - info line shown");
    assertThat(lines.get(1)).contains(" WARN  [").endsWith("LoggingSetupTest - warn line shown");
  }

  @Test
  void debugModeLogsDebugWithCallerWhateverTheLevel() throws Exception {
    Path file = dir.resolve("debug.log");
    LoggingSetup.apply(new LoggingSettings(Level.ERROR, true, file, 10, 7));

    log.trace("trace line hidden");
    log.debug("debug line shown");

    assertThat(Files.readAllLines(file))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(" DEBUG [")
        .contains("LoggingSetupTest.debugModeLogsDebugWithCallerWhateverTheLevel:")
        .endsWith(" - debug line shown");
  }

  @Test
  void nettyStaysAtWarnUnlessTheLevelIsStricter() throws Exception {
    LoggerContext context = LoggingSetup.context();
    LoggingSetup.apply(new LoggingSettings(Level.TRACE, false, dir.resolve("a.log"), 1, 1));
    assertThat(context.getLogger("io.netty.channel").getEffectiveLevel())
        .isEqualTo(ch.qos.logback.classic.Level.WARN);

    LoggingSetup.apply(new LoggingSettings(Level.ERROR, false, dir.resolve("b.log"), 1, 1));
    assertThat(context.getLogger("io.netty.channel").getEffectiveLevel())
        .isEqualTo(ch.qos.logback.classic.Level.ERROR);
  }

  @Test
  void unwritableFolderIsAnErrorAndLeavesConsoleLogging() throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");

    assertThatThrownBy(
            () ->
                LoggingSetup.apply(
                    new LoggingSettings(Level.INFO, false, blocker.resolve("server.log"), 10, 7)))
        .isInstanceOf(IOException.class);
    assertThat(LoggingSetup.context().getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders())
        .toIterable()
        .isNotEmpty();
  }

  @Test
  void unopenableFileIsAnErrorAndLeavesConsoleLogging() throws Exception {
    Path folderInTheWay = Files.createDirectories(dir.resolve("server.log"));

    assertThatThrownBy(
            () -> LoggingSetup.apply(new LoggingSettings(Level.INFO, false, folderInTheWay, 10, 7)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot log to " + folderInTheWay);
    assertThat(LoggingSetup.context().getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders())
        .toIterable()
        .isNotEmpty();
  }

  @Test
  void rolledFilesSitBesideTheLogFile() {
    assertThat(LoggingSetup.rolledFilePattern(Path.of("/var/log/chat/server.log")))
        .isEqualTo("/var/log/chat/server.%d{yyyy-MM-dd}.%i.log.gz");
    assertThat(LoggingSetup.rolledFilePattern(Path.of("/var/log/chat/server.txt")))
        .isEqualTo("/var/log/chat/server.txt.%d{yyyy-MM-dd}.%i.log.gz");
  }
}
