package dev.securechat.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed INI file: {@code [Section]} headers, {@code key = value} lines, whole-line {@code #} and
 * {@code ;} comments, blank lines. Section names and keys are matched without regard to case. There
 * are no inline comments, so a value (a password, say) may contain {@code #} or {@code ;}; there
 * are no quotes either: the value is everything after the first {@code =}, trimmed.
 *
 * <p>Anything else is refused with the file and line, since a line we silently skipped would be a
 * setting the person believes is in force.
 */
public final class IniFile {

  /** One {@code key = value} line. */
  public record Entry(String key, String value, int line) {}

  /** One {@code [Name]} section with its entries in file order. */
  public record Section(String name, int line, List<Entry> entries) {
    public Section {
      entries = List.copyOf(entries);
    }
  }

  private final Path path;
  private final List<Section> sections;

  private IniFile(Path path, List<Section> sections) {
    this.path = path;
    this.sections = List.copyOf(sections);
  }

  public Path path() {
    return path;
  }

  public List<Section> sections() {
    return sections;
  }

  public static IniFile read(Path path) throws ConfigException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + path + " does not exist", e);
    } catch (CharacterCodingException e) {
      throw new ConfigException("config file " + path + " is not valid UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException("config file " + path + " cannot be read: " + e.getMessage(), e);
    }
    return parse(path, text);
  }

  public static IniFile parse(Path path, String text) throws ConfigException {
    var parser = new Parser(path);
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = i == 0 ? stripByteOrderMark(lines[i]) : lines[i];
      parser.accept(line.strip(), i + 1);
    }
    return new IniFile(path, parser.finish());
  }

  private static String stripByteOrderMark(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /** Collects sections line by line, checking for duplicates as it goes. */
  private static final class Parser {
    private final Path path;
    private final List<Section> done = new ArrayList<>();
    private final Map<String, Integer> sectionLines = new LinkedHashMap<>();
    private String name;
    private int nameLine;
    private Map<String, Entry> entries;

    Parser(Path path) {
      this.path = path;
    }

    void accept(String line, int number) throws ConfigException {
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        return;
      }
      if (line.startsWith("[")) {
        startSection(line, number);
        return;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        // The line itself is not echoed: it may be a mistyped password setting.
        throw error(number, "expected \"key = value\", a [Section] header or a # comment");
      }
      String key = line.substring(0, equals).strip();
      if (!isName(key)) {
        throw error(number, "\"" + key + "\" is not a valid key name");
      }
      if (entries == null) {
        throw error(number, "\"" + key + "\" appears before any [Section] header");
      }
      var entry = new Entry(key, line.substring(equals + 1).strip(), number);
      Entry previous = entries.putIfAbsent(key.toLowerCase(Locale.ROOT), entry);
      if (previous != null) {
        throw error(
            number,
            "[" + name + "] " + key + " is set twice (first on line " + previous.line() + ")");
      }
    }

    private void startSection(String line, int number) throws ConfigException {
      if (!line.endsWith("]")) {
        throw error(number, "section header must look like [Name], got: " + line);
      }
      String header = line.substring(1, line.length() - 1).strip();
      if (!isName(header)) {
        throw error(number, "\"" + header + "\" is not a valid section name");
      }
      Integer first = sectionLines.putIfAbsent(header.toLowerCase(Locale.ROOT), number);
      if (first != null) {
        throw error(number, "section [" + header + "] appears twice (first on line " + first + ")");
      }
      closeSection();
      name = header;
      nameLine = number;
      entries = new LinkedHashMap<>();
    }

    private void closeSection() {
      if (entries != null) {
        done.add(new Section(name, nameLine, new ArrayList<>(entries.values())));
      }
    }

    List<Section> finish() {
      closeSection();
      entries = null;
      return done;
    }

    private ConfigException error(int line, String message) {
      return new ConfigException(path + ":" + line + ": " + message);
    }

    private static boolean isName(String s) {
      return !s.isEmpty()
          && s.chars()
              .allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
    }
  }
}
