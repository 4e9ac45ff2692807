package dev.securechat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IniFileTest {
  private static final Path FILE = Path.of("conf/test.ini");

  @Test
  void readsSectionsKeysAndLineNumbers() throws Exception {
    IniFile ini =
        IniFile.parse(
            FILE,
            "\uFEFF# comment\r\n"
                + "; another\r\n"
                + "\r\n"
                + "[Server]\r\n"
                + "  port =   9000  \r\n"
                + "tls_certificate =\r\n"
                + "[Storage]\n"
                + "password = a#b;c=d\n");

    assertThat(ini.path()).isEqualTo(FILE);
    assertThat(ini.sections()).hasSize(2);
    IniFile.Section server = ini.sections().get(0);
    assertThat(server.name()).isEqualTo("Server");
    assertThat(server.line()).isEqualTo(4);
    assertThat(server.entries())
        .containsExactly(
            new IniFile.Entry("port", "9000", 5), new IniFile.Entry("tls_certificate", "", 6));
    assertThat(ini.sections().get(1).entries())
        .containsExactly(new IniFile.Entry("password", "a#b;c=d", 8));
  }

  @Test
  void emptySectionIsKept() throws Exception {
    IniFile ini = IniFile.parse(FILE, "[Server]\n[Storage]\nurl = x\n");

    assertThat(ini.sections())
        .extracting(IniFile.Section::name)
        .containsExactly("Server", "Storage");
  }

  @Test
  void duplicateKeyNamesBothLines() {
    assertThatThrownBy(() -> IniFile.parse(FILE, "[Server]\nport = 1\n\nPORT = 2\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("conf/test.ini:4: [Server] PORT is set twice (first on line 2)");
  }

  @Test
  void duplicateSectionNamesBothLines() {
    assertThatThrownBy(() -> IniFile.parse(FILE, "[Server]\nport = 1\n[server]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("conf/test.ini:3: section [server] appears twice (first on line 1)");
  }

  @Test
  void lineWithoutEqualsIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> IniFile.parse(FILE, "[Storage]\npassword: hunter2\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("conf/test.ini:2: expected \"key = value\"")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void keyBeforeAnySectionIsRefused() {
    assertThatThrownBy(() -> IniFile.parse(FILE, "# top\nport = 1\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("conf/test.ini:2: \"port\" appears before any [Section] header");
  }

  @Test
  void malformedHeaderIsRefused() {
    assertThatThrownBy(() -> IniFile.parse(FILE, "[Server\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("conf/test.ini:1: section header must look like [Name]");
  }

  @Test
  void emptyKeyIsRefused() {
    assertThatThrownBy(() -> IniFile.parse(FILE, "[Server]\n= 3\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("conf/test.ini:2: expected \"key = value\"");
  }

  @Test
  void missingFileIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path missing = dir.resolve("nope.ini");

    assertThatThrownBy(() -> IniFile.read(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config file " + missing + " does not exist");
  }
}
