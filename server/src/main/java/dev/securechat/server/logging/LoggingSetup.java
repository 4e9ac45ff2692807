package dev.securechat.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import dev.securechat.server.config.LoggingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Replaces the start-up logging (console only, from {@code logback.xml}) with the configured one:
 * the console plus a file that rolls daily and at {@code max_file_size_mb}, keeping {@code
 * max_history} days, gzipped. Logback's configuration is process-wide, so this is applied once,
 * from the composition root, right after the configuration is loaded.
 */
public final class LoggingSetup {
  static final String CONSOLE_APPENDER = "CONSOLE";
  static final String FILE_APPENDER = "FILE";

  private static final String TIME = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}";
  private static final String PATTERN = TIME + " %-5level [%thread] %logger{36} - %msg%n";
  // Caller data costs a stack walk per line, so only debug mode pays for it.
  private static final String DEBUG_PATTERN =
      TIME + " %-5level [%thread] %logger{36}.%method:%line - %msg%n";

  /** Netty logs its internals at DEBUG; they are noise in our debug mode. */
  private static final String NETTY = "io.netty";

  /**
   * Disk use is bounded too, so that a flood of log lines within a day cannot fill the disk: on
   * average this many full files a day for {@code max_history} days.
   */
  private static final int FILES_PER_DAY_BUDGET = 10;

  private LoggingSetup() {}

  /**
   * @throws IOException if the log file's folder cannot be created or the file cannot be opened;
   *     the start-up console logging is then back in place
   */
  public static void apply(LoggingSettings settings) throws IOException {
    apply(settings, context());
  }

  static void apply(LoggingSettings settings, LoggerContext context) throws IOException {
    Path file = settings.file().toAbsolutePath();
    Path folder = file.getParent();
    if (folder != null) {
      Files.createDirectories(folder);
    }
    context.reset();
    String pattern = settings.debugMode() ? DEBUG_PATTERN : PATTERN;
    RollingFileAppender<ILoggingEvent> fileAppender;
    try {
      fileAppender = fileAppender(settings, file, pattern, context);
    } catch (IOException e) {
      // Leave the operator a console to read the error on.
      restoreDefaultsAfter(e, context);
      throw e;
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(consoleAppender(pattern, context));
    root.addAppender(fileAppender);
    Level level = Level.toLevel(settings.effectiveLevel().name());
    root.setLevel(level);
    context.getLogger(NETTY).setLevel(level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN);
  }

  /** Puts back the configuration Logback finds by itself (tests that applied a file use it). */
  public static void restoreDefaults() throws JoranException {
    restoreDefaults(context());
  }

  /** Puts back the configuration Logback finds by itself ({@code logback.xml}). */
  static void restoreDefaults(LoggerContext context) throws JoranException {
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  private static void restoreDefaultsAfter(IOException failure, LoggerContext context) {
    try {
      restoreDefaults(context);
    } catch (JoranException e) {
      failure.addSuppressed(e);
    }
  }

  static LoggerContext context() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      return context;
    }
    throw new IllegalStateException(
        "SLF4J is bound to " + factory.getClass().getName() + ", not Logback");
  }

  private static ConsoleAppender<ILoggingEvent> consoleAppender(
      String pattern, LoggerContext context) {
    var appender = new ConsoleAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName(CONSOLE_APPENDER);
    appender.setEncoder(encoder(pattern, context));
    appender.start();
    return appender;
  }

  private static RollingFileAppender<ILoggingEvent> fileAppender(
      LoggingSettings settings, Path file, String pattern, LoggerContext context)
      throws IOException {
    int statusesBefore = context.getStatusManager().getCount();
    var appender = new RollingFileAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName(FILE_APPENDER);
    appender.setFile(file.toString());

    var policy = new SizeAndTimeBasedRollingPolicy<ILoggingEvent>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(rolledFilePattern(file));
    policy.setMaxFileSize(FileSize.valueOf(settings.maxFileSizeMb() + "MB"));
    policy.setMaxHistory(settings.maxHistory());
    policy.setTotalSizeCap(
        FileSize.valueOf(
            (long) settings.maxFileSizeMb() * settings.maxHistory() * FILES_PER_DAY_BUDGET + "MB"));
    policy.start();

    appender.setRollingPolicy(policy);
    appender.setEncoder(encoder(pattern, context));
    appender.start();
    if (!appender.isStarted()) {
      // Logback reports the failure as a status, not an exception; the caller needs to know.
      throw new IOException("cannot log to " + file + ": " + errorsSince(context, statusesBefore));
    }
    return appender;
  }

  /** {@code logs/server.log} rolls to {@code logs/server.2026-01-31.0.log.gz}. */
  static String rolledFilePattern(Path file) {
    String name = file.getFileName().toString();
    String stem = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    return file.resolveSibling(stem + ".%d{yyyy-MM-dd}.%i.log.gz").toString();
  }

  private static PatternLayoutEncoder encoder(String pattern, LoggerContext context) {
    var encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }

  private static String errorsSince(LoggerContext context, int index) {
    var statuses = context.getStatusManager().getCopyOfStatusList();
    return statuses.subList(Math.min(index, statuses.size()), statuses.size()).stream()
        .filter(s -> s.getEffectiveLevel() >= Status.ERROR)
        .map(s -> s.getMessage() + (s.getThrowable() == null ? "" : " (" + s.getThrowable() + ")"))
        .collect(Collectors.joining("; "));
  }
}
