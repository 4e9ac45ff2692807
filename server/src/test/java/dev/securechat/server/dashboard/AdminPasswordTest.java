package dev.securechat.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.server.auth.AdminAuthenticator;
import dev.securechat.server.auth.AuthSettings;
import dev.securechat.server.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminPasswordTest {
  static final AuthSettings CHEAP = new AuthSettings(8192, 1, 1, 5, 20, Duration.ofSeconds(60), 10);
  private static final Pattern SHOWN =
      Pattern.compile("\\s([A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3})\\s");

  @TempDir Path data;
  private final List<String> console = new ArrayList<>();
  private final SecureRandom random = new SecureRandom();

  @Test
  void generatesOnceShowsOnceAndStoresOnlyTheHash() throws Exception {
    byte[] hash = AdminPassword.hash(Secret.empty(), data, CHEAP, random, console::add);

    assertThat(console).hasSize(1);
    Matcher m = SHOWN.matcher(console.getFirst());
    assertThat(m.find()).as("password in %s", console.getFirst()).isTrue();
    String password = m.group(1);
    Path file = data.resolve(AdminPassword.FILE_NAME);
    String stored = Files.readString(file, StandardCharsets.US_ASCII);
    assertThat(stored).startsWith("$argon2id$").doesNotContain(password);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(hash).isEqualTo(stored.getBytes(StandardCharsets.US_ASCII));

    byte[] again = AdminPassword.hash(Secret.empty(), data, CHEAP, random, console::add);

    assertThat(console).hasSize(1);
    assertThat(again).isEqualTo(hash);
    assertThat(AdminAuthenticator.isHash(again)).isTrue();
  }

  @Test
  void aConfiguredPasswordWinsAndIsNotWritten() throws Exception {
    byte[] hash =
        AdminPassword.hash(Secret.of("configured-password"), data, CHEAP, random, console::add);

    assertThat(console).isEmpty();
    assertThat(data.resolve(AdminPassword.FILE_NAME)).doesNotExist();
    assertThat(AdminAuthenticator.isHash(hash)).isTrue();
  }

  @Test
  void refusesAFileThatIsNotAHash() throws Exception {
    Files.writeString(data.resolve(AdminPassword.FILE_NAME), "hunter2");

    assertThatThrownBy(() -> AdminPassword.hash(Secret.empty(), data, CHEAP, random, console::add))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not hold an Argon2id hash")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void generatedPasswordsAreLongAndReadable() {
    String p = AdminPassword.generate(random);

    assertThat(p).hasSize(23).matches("[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}");
  }
}
