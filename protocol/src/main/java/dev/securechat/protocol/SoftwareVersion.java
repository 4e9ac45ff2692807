package dev.securechat.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version, as Maven wrote it into a resource, for hellos, logs and --version. */
public final class SoftwareVersion {
  private SoftwareVersion() {}

  public static String current() {
    try (InputStream in = SoftwareVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
