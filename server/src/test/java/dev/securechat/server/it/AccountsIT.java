package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.LoginInfo;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.ServerErrorException;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.server.SecureChatServer;
import dev.securechat.server.testing.TestAccounts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Registration, login, lockout, resume and one session per account, over real TLS. */
class AccountsIT {
  @TempDir static Path dir;
  static SecureChatServer server;
  static ClientTransport transport;
  static final AtomicInteger clients = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            dir.resolve("server"),
            Map.of("security.login_free_failures", "2", "security.max_lockout_seconds", "2"));
    transport =
        new ClientTransport(new KnownServers(dir.resolve("known_servers")), TrustOnFirstUse.ALWAYS);
  }

  @AfterAll
  static void stop() {
    transport.close();
    server.close();
  }

  TestClient client() {
    return new TestClient(transport, dir.resolve("client-" + clients.incrementAndGet()), server)
        .connect();
  }

  static ErrorCode codeOf(Throwable t) {
    Throwable c = t instanceof CompletionException ? t.getCause() : t;
    return ((ServerErrorException) c).code();
  }

  @Test
  void registerThenLogin() {
    try (TestClient alice = client()) {
      alice.register("Alice");
      LoginInfo info = alice.login("alice");
      assertThat(info.username()).isEqualTo("alice");
      assertThat(info.sessionNo()).isPositive();
    }
  }

  @Test
  void duplicateUsernameIsRefusedWhateverItsCase() {
    try (TestClient a = client();
        TestClient b = client()) {
      a.register("dupname");
      assertThatThrownBy(() -> b.register("DupName"))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.USERNAME_TAKEN));
    }
  }

  @Test
  void identityKeyOfAnotherAccountIsRefused() {
    try (TestClient a = client()) {
      var keys = TestAccounts.keys();
      a.client.register("keyowner", TestClient.PASSWORD.toCharArray(), keys).join();
      assertThatThrownBy(
              () -> a.client.register("keythief", TestClient.PASSWORD.toCharArray(), keys).join())
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.IDENTITY_KEY_TAKEN));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ab",
        "a-name-that-is-far-too-long-to-use-here",
        "bad name",
        "bad'; drop",
        "аlice",
        "tab\tname"
      })
  void badUsernamesAreRefused(String name) {
    try (TestClient a = client()) {
      assertThatThrownBy(() -> a.register(name))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.USERNAME_INVALID));
    }
  }

  @Test
  void theClientRefusesShortPasswordsAndTheUsernameAsPassword() {
    try (TestClient a = client()) {
      assertThatThrownBy(
              () -> a.client.register("ivy", "short".toCharArray(), TestAccounts.keys()).join())
          .hasCauseInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least 8");
      assertThatThrownBy(
              () ->
                  a.client
                      .register("ivy.lowe", "IVY.LOWE".toCharArray(), TestAccounts.keys())
                      .join())
          .hasCauseInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not be the username");
    }
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() {
    try (TestClient a = client()) {
      a.register("carol");
      assertThatThrownBy(() -> a.client.login("carol", "not the password".toCharArray()).join())
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.AUTH_FAILED));
      assertThatThrownBy(() -> a.client.login("nobody-here", "whatever123".toCharArray()).join())
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.AUTH_FAILED));
    }
  }

  @Test
  void repeatedFailuresLockTheAccountThenLetItGo() {
    try (TestClient a = client();
        TestClient other = client()) {
      a.register("dave");
      other.register("erin");
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> a.client.login("dave", "wrong password".toCharArray()).join())
            .isInstanceOf(CompletionException.class);
      }
      // Locked now: even the right password is refused, with the time to wait.
      assertThatThrownBy(() -> a.login("dave"))
          .satisfies(
              e -> {
                assertThat(codeOf(e)).isEqualTo(ErrorCode.LOCKED_OUT);
                assertThat(((ServerErrorException) e.getCause()).retryAfter()).isPositive();
              });
      // Another account is unaffected.
      assertThat(other.login("erin").username()).isEqualTo("erin");
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(300))
          .ignoreExceptions()
          .until(() -> a.login("dave").username().equals("dave"));
    }
  }

  @Test
  void tokenResumesAndLogoutRevokesIt() throws Exception {
    Path state = dir.resolve("client-grace");
    byte[] token;
    try (TestClient a = new TestClient(transport, state, server).connect()) {
      a.register("grace");
      a.login("grace");
    }
    try (var s =
        dev.securechat.client.state.ClientState.open(state.resolve("grace").resolve("state.db"))) {
      token = s.savedLogin().orElseThrow().token();
    }
    try (TestClient a = new TestClient(transport, state, server).connect()) {
      a.client.resume("grace").join();
      a.client.logout().join();
    }
    // Put the old token back, as a thief who copied the file would.
    try (var s =
        dev.securechat.client.state.ClientState.open(state.resolve("grace").resolve("state.db"))) {
      s.saveLogin("grace", token);
    }
    try (TestClient a = new TestClient(transport, state, server).connect()) {
      assertThatThrownBy(() -> a.client.resume("grace").join())
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.TOKEN_INVALID));
    }
  }

  @Test
  void aSecondLoginClosesTheFirst() {
    try (TestClient first = client();
        TestClient second = client()) {
      first.register("heidi");
      first.login("heidi");
      second.login("heidi");
      await().atMost(Duration.ofSeconds(5)).until(() -> !first.client.isConnected());
      assertThat(first.byes).extracting(b -> b.code()).containsExactly(ErrorCode.SESSION_REPLACED);
      assertThat(second.client.isConnected()).isTrue();
    }
  }

  @Test
  void presenceIsPushed() {
    try (TestClient ivan = client()) {
      TestClient judy = client();
      ivan.register("ivan");
      judy.register("judy");
      ivan.login("ivan");
      judy.login("judy");
      await().atMost(Duration.ofSeconds(5)).until(() -> ivan.presence.contains("judy+"));
      judy.client.connection().close();
      await().atMost(Duration.ofSeconds(5)).until(() -> ivan.presence.contains("judy-"));
      assertThat(ivan.client.users().join())
          .anySatisfy(u -> assertThat(u.username()).isEqualTo("judy"));
    }
  }
}
