package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.client.ChatClient;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.ServerErrorException;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.PreKey;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.server.SecureChatServer;
import dev.securechat.server.testing.MutableClock;
import dev.securechat.server.testing.TestAccounts;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing, registration floods and hostile usernames, each from its own loopback address
 * (127.0.0.x), against a real server whose clock the test moves instead of waiting out lockouts.
 */
class LoginAbuseIT {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.now());
  private long requestIds;

  private SecureChatServer start(Map<String, String> settings) throws Exception {
    return TestServer.start(dir.resolve("s"), settings, clock);
  }

  @Test
  void guessingOnePasswordLocksOnlyThatNameRevealsNothingAndSparesItsDeviceToken()
      throws Exception {
    try (SecureChatServer server =
            start(
                Map.of(
                    "security.login_free_failures", "3",
                    "security.address_free_failures", "1000",
                    "security.max_lockout_seconds", "60"));
        ClientTransport transport =
            new ClientTransport(new KnownServers(dir.resolve("known")), TrustOnFirstUse.ALWAYS)) {
      Path victimState = dir.resolve("victim");
      try (TestClient victim = new TestClient(transport, victimState, server).connect()) {
        victim.register("victim");
        victim.login("victim"); // saves the device token
      }
      byte[] bystanderSecret = secret();
      register(server, "127.0.0.3", "bystander", bystanderSecret);

      List<String> onVictim;
      List<String> onNobody;
      try (RawTls attacker = RawTls.greeted(server, "127.0.0.2")) {
        onVictim = guess(attacker, "victim", 9);
        onNobody = guess(attacker, "nobody-by-this-name", 9);
        // Whether the name exists makes no difference to what a guesser sees.
        assertThat(onNobody).isEqualTo(onVictim);
        assertThat(onVictim)
            .containsExactly(
                "AUTH_FAILED 0",
                "AUTH_FAILED 0",
                "AUTH_FAILED 0",
                "AUTH_FAILED 0",
                "LOCKED_OUT 1000 too many failed logins; try again in 1 s",
                "AUTH_FAILED 0",
                "LOCKED_OUT 2000 too many failed logins; try again in 2 s",
                "AUTH_FAILED 0",
                "LOCKED_OUT 4000 too many failed logins; try again in 4 s");
        // One more failure starts the next lock (8 s), in force from now on.
        assertThat(login(attacker, "victim", secret()).code()).isEqualTo(ErrorCode.AUTH_FAILED);
        assertThat(login(attacker, "victim", secret()).retryAfterMillis()).isEqualTo(8000);
      }
      // Another user, from another address, logs in as usual during the attack.
      try (RawTls bystander = RawTls.greeted(server, "127.0.0.3")) {
        bystander.send(new ClientFrame.Login(++requestIds, "bystander", bystanderSecret));
        assertThat(bystander.next(ServerFrame.LoginOk.class).username()).isEqualTo("bystander");
      }
      // The victim's device reconnects with its token; its password login waits for the lock.
      try (TestClient victim = new TestClient(transport, victimState, server).connect()) {
        assertThat(victim.client.resume("victim").join().username()).isEqualTo("victim");
      }
      try (TestClient elsewhere = new TestClient(transport, dir.resolve("v2"), server).connect()) {
        assertThatThrownBy(() -> elsewhere.login("victim"))
            .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.LOCKED_OUT));
      }
    }
  }

  @Test
  void guessingManyNamesFromOneAddressLocksThatAddressOnly() throws Exception {
    try (SecureChatServer server =
        start(
            Map.of(
                "security.login_free_failures", "100",
                "security.address_free_failures", "4"))) {
      byte[] bystanderSecret = secret();
      register(server, "127.0.0.5", "bystander", bystanderSecret);
      try (RawTls attacker = RawTls.greeted(server, "127.0.0.4")) {
        for (int i = 0; i < 5; i++) {
          assertThat(login(attacker, "guess" + i, secret()).code())
              .isEqualTo(ErrorCode.AUTH_FAILED);
        }
        ServerFrame.ErrorReply locked = login(attacker, "bystander", bystanderSecret);
        assertThat(locked.code()).isEqualTo(ErrorCode.LOCKED_OUT);
        assertThat(locked.retryAfterMillis()).isEqualTo(1000);
      }
      try (RawTls other = RawTls.greeted(server, "127.0.0.5")) {
        other.send(new ClientFrame.Login(++requestIds, "bystander", bystanderSecret));
        assertThat(other.next(ServerFrame.LoginOk.class).username()).isEqualTo("bystander");
      }
    }
  }

  @Test
  void registrationsAreLimitedPerAddressPerHour() throws Exception {
    try (SecureChatServer server =
        start(Map.of("security.registrations_per_address_per_hour", "3"))) {
      for (int i = 0; i < 3; i++) {
        assertThat(register(server, "127.0.0.6", "early" + i, secret())).isNull();
      }
      ServerFrame.ErrorReply refused = register(server, "127.0.0.6", "early3", secret());
      assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
      assertThat(refused.retryAfterMillis()).isEqualTo(Duration.ofHours(1).toMillis());
      assertThat(refused.message()).contains("try again in 3600 s");
      assertThat(register(server, "127.0.0.7", "elsewhere", secret())).isNull();
      clock.advance(Duration.ofHours(1));
      assertThat(register(server, "127.0.0.6", "later", secret())).isNull();
      // The refused one was not stored: the name is still free.
      assertThat(register(server, "127.0.0.7", "early3", secret())).isNull();
    }
  }

  static final List<String> HOSTILE_NAMES =
      List.of(
          "a'; DROP TABLE accounts;--",
          "robert'); DELETE FROM users; --",
          "nul\u0000name",
          "bob\u0000",
          "tab\tname",
          "new\nline",
          "esc\u001b[31m",
          "",
          "ab",
          "a".repeat(33),
          "b".repeat(40_000),
          "\u0430lice", // Cyrillic a
          "b\u043eb", // Cyrillic o
          "\u0435ve", // Cyrillic e
          "\uff41\uff4c\uff49\uff43\uff45", // fullwidth alice
          "al\u200dice", // zero-width joiner
          "al\u200bice", // zero-width space
          "\u202eecila", // right-to-left override
          "alic\u0065\u0301", // e and a combining acute
          "\u0131van", // Turkish dotless i
          "\u0130van", // Turkish dotted capital I
          "\u212aelvin", // Kelvin sign, lower-cases to an ASCII k
          "emoji\ud83d\ude00");

  @Test
  void hostileUsernamesAreRefusedByServerAndClientAndNothingIsStored() throws Exception {
    try (SecureChatServer server = start(Map.of())) {
      try (RawTls raw = RawTls.greeted(server, "127.0.0.8")) {
        for (String name : HOSTILE_NAMES) {
          raw.send(register(name, secret()));
          ServerFrame reply = raw.next();
          assertThat(reply)
              .as("register %s", printable(name))
              .isInstanceOfSatisfying(
                  ServerFrame.ErrorReply.class,
                  e -> assertThat(e.code()).isEqualTo(ErrorCode.USERNAME_INVALID));
        }
      }
      // The client refuses them itself, before anything is sent (it has no connection at all).
      try (ChatClient offline =
          new ChatClient(null, dir.resolve("offline"), new TestClient.Quiet(), Clock.systemUTC())) {
        for (String name : HOSTILE_NAMES) {
          assertThatThrownBy(
                  () ->
                      offline
                          .register(name, TestClient.PASSWORD.toCharArray(), TestAccounts.keys())
                          .join())
              .as("client-side %s", printable(name))
              .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.USERNAME_INVALID));
        }
      }
      // Lookups fold ASCII case and nothing else.
      byte[] s = secret();
      assertThat(register(server, "127.0.0.8", "Ivan.Lowe", s)).isNull();
      try (RawTls ivan = RawTls.greeted(server, "127.0.0.8")) {
        ivan.send(new ClientFrame.Login(++requestIds, "IVAN.LOWE", s));
        assertThat(ivan.next(ServerFrame.LoginOk.class).username()).isEqualTo("ivan.lowe");
        ivan.send(new ClientFrame.FetchBundle(++requestIds, "iVaN.lOwE"));
        assertThat(ivan.next(ServerFrame.Bundle.class).username()).isEqualTo("ivan.lowe");
        for (String lookalike : List.of("\u0131van.lowe", "\uff49van.lowe", "iv\u0430n.lowe")) {
          ivan.send(new ClientFrame.FetchBundle(++requestIds, lookalike));
          assertThat(ivan.next())
              .isInstanceOfSatisfying(
                  ServerFrame.ErrorReply.class,
                  e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_USER));
        }
        UUID id = UUID.randomUUID();
        ivan.send(new ClientFrame.Send(id, 1, "IVAN.LOWE", new byte[] {1}));
        assertThat(ivan.next(ServerFrame.Stored.class).id()).isEqualTo(id);
        ivan.send(new ClientFrame.ListUsers(++requestIds));
        assertThat(ivan.next(ServerFrame.UserList.class).users())
            .extracting(ServerFrame.UserEntry::username)
            .containsExactly("ivan.lowe");
      }
    }
  }

  /** Wrong-password logins in a row, moving the clock past each lockout; one line per reply. */
  private List<String> guess(RawTls attacker, String name, int attempts) throws Exception {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      ServerFrame.ErrorReply e = login(attacker, name, secret());
      seen.add(
          e.code()
              + " "
              + e.retryAfterMillis()
              + (e.code() == ErrorCode.LOCKED_OUT ? " " + e.message() : ""));
      clock.advance(Duration.ofMillis(e.retryAfterMillis()));
    }
    return seen;
  }

  private ServerFrame.ErrorReply login(RawTls c, String name, byte[] secret) throws Exception {
    c.send(new ClientFrame.Login(++requestIds, name, secret));
    return (ServerFrame.ErrorReply) c.next();
  }

  /** Registers from {@code local}; null when it worked, else the refusal. */
  private ServerFrame.ErrorReply register(
      SecureChatServer server, String local, String name, byte[] secret) throws Exception {
    try (RawTls c = RawTls.greeted(server, local)) {
      c.send(register(name, secret));
      ServerFrame reply = c.next();
      return reply instanceof ServerFrame.ErrorReply e ? e : null;
    }
  }

  private ClientFrame.Register register(String name, byte[] secret) {
    byte[] identity = new byte[294];
    RANDOM.nextBytes(identity);
    return new ClientFrame.Register(
        ++requestIds,
        name,
        secret,
        identity,
        new byte[] {1, 2, 3},
        List.of(new PreKey(1, secret())));
  }

  private static byte[] secret() {
    byte[] s = new byte[32];
    RANDOM.nextBytes(s);
    return s;
  }

  static ErrorCode codeOf(Throwable t) {
    Throwable c = t instanceof CompletionException ? t.getCause() : t;
    return ((ServerErrorException) c).code();
  }

  private static String printable(String name) {
    String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
    StringBuilder out = new StringBuilder();
    shown
        .codePoints()
        .forEach(
            cp ->
                out.append(
                    cp >= 0x20 && cp < 0x7f ? Character.toString(cp) : "\\u%04x".formatted(cp)));
    return out.toString();
  }
}
