package dev.securechat.client.terminal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.securechat.client.config.ClientConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The client logs to a file in its state folder, never to the terminal, where a log line would
 * break the screen (what the person must see, the program shows itself). Logback is process-wide,
 * so this is applied once, by {@link Main}, right after the configuration is read. JLine reports
 * through java.util.logging, which is sent to the same file instead of standard error.
 */
public final class ClientLogging {
  private static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";
  private static final String DEBUG_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36}.%method:%line - %msg%n";
  private static final int KEPT_FILES = 3;

  private ClientLogging() {}

  public static void apply(ClientConfig.Logging settings, Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    LoggerContext context = context();
    context.reset();
    var appender = new RollingFileAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(absolute.toString());
    var rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(absolute + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(KEPT_FILES);
    rolling.start();
    var trigger = new SizeBasedTriggeringPolicy<ILoggingEvent>();
    trigger.setContext(context);
    trigger.setMaxFileSize(FileSize.valueOf("5MB"));
    trigger.start();
    var encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(settings.debugMode() ? DEBUG_PATTERN : PATTERN);
    encoder.start();
    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    appender.setEncoder(encoder);
    appender.start();
    if (!appender.isStarted()) {
      throw new IOException("cannot write the log file " + absolute);
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    Level level = Level.toLevel(settings.effectiveLevel().name());
    root.setLevel(level);
    // Netty's DEBUG is its own internals, noise even in debug mode.
    context.getLogger("io.netty").setLevel(level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN);
    routeJavaUtilLogging();
  }

  private static LoggerContext context() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      return context;
    }
    throw new IllegalStateException(
        "SLF4J is bound to " + factory.getClass().getName() + ", not Logback");
  }

  /** java.util.logging's console handler writes to standard error: replace it with the file. */
  private static void routeJavaUtilLogging() {
    java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    root.addHandler(new ToSlf4j());
  }

  /** Passes java.util.logging records to SLF4J. */
  private static final class ToSlf4j extends Handler {
    @Override
    public void publish(LogRecord r) {
      if (r == null || !isLoggable(r)) {
        return;
      }
      var log = LoggerFactory.getLogger(r.getLoggerName() == null ? "jul" : r.getLoggerName());
      String message = r.getMessage();
      int level = r.getLevel().intValue();
      if (level >= java.util.logging.Level.SEVERE.intValue()) {
        log.error(message, r.getThrown());
      } else if (level >= java.util.logging.Level.WARNING.intValue()) {
        log.warn(message, r.getThrown());
      } else if (level >= java.util.logging.Level.INFO.intValue()) {
        log.info(message, r.getThrown());
      } else {
        log.debug(message, r.getThrown());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
