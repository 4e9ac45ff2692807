package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.server.SecureChatServer;
import dev.securechat.server.testing.MutableClock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal client driven as people drive it: real client processes in tmux pseudo-terminals
 * (80x24), typing at the prompts and reading the screen, against a real server in this JVM. The
 * tests tell one story in order (registrations are expensive: each makes an RSA key and an Argon2
 * store key), so they share the server and the people in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerminalChatIT {
  static final String PASSWORD = "correct horse battery";
  private static final Pattern SAFETY_NUMBER =
      Pattern.compile("Safety number with \\w+.*\\n\\s+([\\d ]{35})\\n\\s+([\\d ]{35})");

  Path dir;
  final String socket = "securechat-it-" + ProcessHandle.current().pid();
  SecureChatServer server;
  Map<String, String> serverSettings;
  TerminalClients clients;
  Tmux alice;
  Tmux bob;
  Tmux carol;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    serverSettings = new HashMap<>();
    // Two failed logins lock an account, so the lockout message can be seen.
    serverSettings.put("security.login_free_failures", "2");
    serverSettings.put("security.max_lockout_seconds", "120");
    server = TestServer.start(dir.resolve("server"), serverSettings);
    serverSettings.put("server.port", "" + server.chatAddress().getPort());
    clients =
        new TerminalClients(
            socket, dir, server.chatAddress().getHostString(), server.chatAddress().getPort());
  }

  @AfterAll
  void stop() {
    Tmux.killServer(socket);
    server.close();
  }

  /** Trusts the server on first sight, then registers from the menu. */
  Tmux register(String name) throws Exception {
    Tmux t = clients.interactive(name, name);
    t.await("Trust this server? [y/N]").line("y");
    t.await("Choose 1, 2 or 3:").line("1");
    t.await("Username:").line(name);
    t.await("Choose a password").line(PASSWORD);
    t.await("Type it again:").line(PASSWORD);
    return t;
  }

  @Test
  @Order(1)
  void twoPeopleRegisterAndChatDirectAndBroadcastAndVerifyEachOther() throws Exception {
    alice = register("alice");
    alice.await("Logged in as alice.");
    bob = register("bob");
    bob.await("Logged in as bob.");
    alice.await("bob is online.");
    assertThat(alice.text()).doesNotContain(PASSWORD);

    alice.line("hello everyone, it's alice!");
    bob.await("alice -> everyone: hello everyone, it's alice!");
    alice.type("@b").keys("Tab").line("hi bob, completed");
    bob.await("alice -> you: hi bob, completed");
    bob.line("@alice hello alice");
    alice.await("bob -> you: hello alice");
    assertThat(alice.text()).contains("you -> everyone: hello everyone, it's alice!");

    // A message arriving while bob types goes above his line and leaves it as it was.
    bob.type("half a thought");
    alice.line("interrupting you");
    bob.await("alice -> everyone: interrupting you");
    assertThat(bob.rows().stream().filter(r -> !r.isBlank()).toList().getLast())
        .isEqualTo("bob> half a thought");
    bob.type(", finished").keys("Enter");
    alice.await("bob -> everyone: half a thought, finished");

    alice.line("/verify @bob");
    bob.line("/verify @alice");
    String seenByAlice = safetyNumber(alice.await("If it matches: /trust @bob").text());
    String seenByBob = safetyNumber(bob.await("If it matches: /trust @alice").text());
    assertThat(seenByAlice).isEqualTo(seenByBob).matches("(\\d{5} ){11}\\d{5}");

    alice.line("/trust @bob").await("bob is now verified.");
    alice.line("/users").await("Everyone (2): alice (you), bob (verified)");
    bob.line("/history @alice").await("Last 4 messages with alice");
    assertThat(bob.text()).contains("you -> alice: hello alice");
  }

  @Test
  @Order(2)
  void longMessagesWrapInsideTheWindowAndFollowAResize() {
    String words = "lorem ipsum dolor sit amet ".repeat(8).strip();
    alice.line(words);
    bob.await("alice -> everyone: lorem ipsum");
    assertWrappedByTheClient(bob.rows(), "alice -> everyone: lorem ipsum", 80);

    bob.resize(50, 24);
    alice.line("after the resize " + words);
    bob.await("alice -> everyone: after the resize");
    assertWrappedByTheClient(bob.rows(), "alice -> everyone: after the resize", 50);
    bob.resize(80, 24);
  }

  /**
   * The message starting at the row with {@code start} fills several rows within {@code width},
   * each continuation indented under the message's first word ("HH:mm alice -> everyone: " is 25
   * columns): the client wrapped it, the terminal did not cut it at column 0.
   */
  private static void assertWrappedByTheClient(List<String> rows, String start, int width) {
    int first = -1;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).contains(start)) {
        first = i;
      }
    }
    assertThat(first).as(String.join("\n", rows)).isNotNegative();
    List<String> message =
        rows.subList(first, rows.size()).stream()
            .takeWhile(r -> !r.startsWith("bob>") && !r.isBlank())
            .toList();
    assertThat(message).as(String.join("\n", rows)).hasSizeGreaterThanOrEqualTo(3);
    assertThat(message).allMatch(r -> r.length() <= width);
    assertThat(message.subList(1, message.size()))
        .allMatch(r -> r.startsWith(" ".repeat(25)) && !r.startsWith(" ".repeat(26)));
  }

  @Test
  @Order(3)
  void aScriptedThirdPersonCatchesUpOnWhatArrivedWhileAway() throws Exception {
    var run =
        clients.scripted(
            "carol",
            List.of("y", "1", "carol", PASSWORD, PASSWORD, "hello from carol's script"),
            Map.of());
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("Logged in as carol.", "you -> everyone: hello from carol's script", "Bye.")
        .doesNotContain("\u001b[");
    alice.await("carol -> everyone: hello from carol's script");

    alice.line("@carol are you there?");
    bob.line("news while carol is away");
    alice.await("you -> carol: are you there?");
    bob.await("you -> everyone: news while carol is away");
    // The library confirms storage quickly; give it a moment by asking something of the server.
    alice.line("/users").await("Everyone (3)");

    carol = clients.interactive("carol", "carol");
    carol.await("Choose 1, 2 or 3:").line("2");
    carol.await("Username:").line("carol");
    carol.await("Password:").line(PASSWORD);
    carol.await("(while away) alice -> you: are you there?");
    carol.await("(while away) bob -> everyone: news while carol is away");
    assertThat(carol.text()).doesNotContain(PASSWORD);

    carol.line("@alice back now");
    alice.await("carol -> you: back now");
    assertThat(alice.text()).doesNotContain("(while away) carol -> you: back now");
  }

  @Test
  @Order(4)
  void aServerRestartDuringTheChatLosesNothingTyped() throws Exception {
    server.close();
    alice.await("Reconnecting...");
    bob.await("Reconnecting...");
    alice.line("typed while the server was down");
    alice.line("@bob also while down");
    alice.await("(offline: it is sent once the connection is back)", 2);

    server = TestServer.start(dir.resolve("server"), serverSettings);

    alice.await("Reconnected.");
    bob.await("alice -> everyone: typed while the server was down");
    bob.await("alice -> you: also while down");
    carol.await("alice -> everyone: typed while the server was down");
    bob.line("@alice still here");
    alice.await("bob -> you: still here");
  }

  @Test
  @Order(5)
  void badInputInTheChatIsExplainedAndNotSent() {
    alice.line("/nonsense").await("Unknown command /nonsense.");
    alice.line("@").await("\"\" is not a username");
    alice.line("@bob").await("Write the message after the name: @bob hello");
    alice.line("/verify").await("Usage: /verify @name");
    alice.line("/users everyone").await("/users takes nothing after it.");
    alice.line("x".repeat(4100)).await("the message has 4100 characters; the limit is 4000.");
    // Ctrl-V inserts the next key as it is: here a bell character.
    alice.type("ring ").keys("C-v", "C-g").line(" bell").await("control character (^G)");
    alice.line("   ");
    alice.line("/history").await("Last ");
    assertThat(bob.text()).doesNotContain("bell").doesNotContain("xxxxxxxxxx");
  }

  @Test
  @Order(6)
  void badInputAtTheMenuAndAccountPromptsIsExplained() throws Exception {
    Tmux erin = clients.interactive("erin", "erin");
    erin.await("Trust this server? [y/N]").line("");
    erin.await("Not connected: you chose not to trust");
    erin.await("Choose 1, 2 or 3:").line("");
    erin.await("Please choose: type 1, 2 or 3 and press Enter.");
    erin.line("4".repeat(3000)).await("is not on the menu; type 1, 2 or 3.");
    erin.type("1").keys("C-v", "C-a").line("").await("is not on the menu", 2);
    erin.line("1").await("Trust this server? [y/N]", 2).line("yes");
    erin.await("Username:").line("");
    erin.await("A username is needed");
    erin.line("no spaces allowed").await("cannot be a username");
    erin.line("e".repeat(500)).await("\"" + "e".repeat(37) + "...\" cannot be a username");
    erin.type("er").keys("C-v", "C-[").line("in").await("cannot be a username", 3);
    erin.line("erin");
    erin.await("Choose a password").line("short");
    erin.await("The password must have at least 8 characters.");
    erin.line("p".repeat(1500)).await("The password may have at most 1024 characters.");
    erin.line(PASSWORD).await("Type it again:").line("something else");
    erin.await("The two passwords differ; type them again.");
    assertThat(erin.text()).doesNotContain("something else").doesNotContain("short");
    erin.keys("C-d");
    erin.await("Choose 1, 2 or 3:", 5).line("3");
    erin.await("[exited 0]");
    erin.close();
  }

  @Test
  @Order(7)
  void everyRefusalIsShownInPlainWords() throws Exception {
    carol.line("/quit").await("Bye.");
    carol.await("[exited 0]");

    var taken =
        clients.scripted("mallory", List.of("y", "1", "alice", PASSWORD, PASSWORD), Map.of());
    assertThat(taken.output()).contains("That username is taken; choose another.");

    var wrong = clients.scripted("carol", List.of("2", "carol", "not the password"), Map.of());
    assertThat(wrong.output()).contains("Wrong username or password.");

    var elsewhere = clients.scripted("carol", List.of("2", "nobody1", PASSWORD), Map.of());
    assertThat(elsewhere.output()).contains("This device has no keys for nobody1.");

    int closed = freePort();
    var unreachable = clients.scripted(clients.command("carol", closed), List.of("3"), Map.of());
    assertThat(unreachable.output())
        .contains(
            "The server at "
                + server.chatAddress().getHostString()
                + ":"
                + closed
                + " is unreachable.");

    java.nio.file.Files.createDirectories(dir.resolve("pinned"));
    java.nio.file.Files.writeString(
        dir.resolve("pinned/known_servers"),
        server.chatAddress().getHostString()
            + ":"
            + server.chatAddress().getPort()
            + " SHA256:"
            + "00:".repeat(31)
            + "00\n");
    var changed = clients.scripted("pinned", List.of("3"), Map.of());
    assertThat(changed.output()).contains("presented a different key");

    // A server whose clock stands still keeps a lockout in force for as long as the test needs.
    var frozen = new MutableClock(java.time.Instant.now());
    try (SecureChatServer locking =
        TestServer.start(dir.resolve("locking"), serverSettings(0), frozen)) {
      lockOut(locking, "dora");
      var locked =
          clients.scripted(
              clients.command("dora", locking.chatAddress().getPort()),
              List.of("y", "2", "dora", PASSWORD),
              Map.of());
      assertThat(locked.output())
          .contains("Too many failed logins: locked out for 1 second. Try again then.");
    }

    // The log went to the state folder, without passwords or messages.
    String log = java.nio.file.Files.readString(dir.resolve("alice/client.log"));
    assertThat(log)
        .contains("Logged in as alice")
        .doesNotContain(PASSWORD)
        .doesNotContain("hello everyone")
        .doesNotContain("still here");

    java.nio.file.Files.writeString(
        dir.resolve("bad.ini"), "[Server]\nhost = localhost\n\n[Logging]\nlevel = LOUD\n");
    var badConfig =
        clients.scripted(
            "carol", List.of(), Map.of(), "--config", dir.resolve("bad.ini").toString());
    assertThat(badConfig.exitCode()).isEqualTo(2);
    assertThat(badConfig.output())
        .contains(
            dir.resolve("bad.ini")
                + ":5 [Logging] level = \"LOUD\": must be one of TRACE, DEBUG, INFO, WARN, ERROR");
  }

  private Map<String, String> serverSettings(int port) {
    Map<String, String> settings = new HashMap<>(serverSettings);
    settings.put("server.port", "" + port);
    return settings;
  }

  /**
   * Registers {@code name} through the library into the state folder the terminal client reads
   * ({@code <home>/accounts}), then fails its logins with a wrong password, as an attacker would.
   */
  private void lockOut(SecureChatServer locking, String name) throws Exception {
    try (var transport =
            new dev.securechat.client.net.ClientTransport(
                new dev.securechat.client.net.KnownServers(dir.resolve("attacker/known")),
                dev.securechat.client.net.TrustOnFirstUse.ALWAYS);
        var owner =
            new TestMessenger(transport, dir.resolve(name).resolve("accounts"), locking, name);
        var attacker = new TestClient(transport, dir.resolve("attacker"), locking).connect()) {
      owner.register();
      for (int i = 0; i < 3; i++) {
        assertThat(attacker.client.login(name, "wrong password".toCharArray()))
            .failsWithin(java.time.Duration.ofSeconds(20));
      }
    }
  }

  private static int freePort() throws java.io.IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String safetyNumber(String screen) {
    Matcher m = SAFETY_NUMBER.matcher(screen);
    assertThat(m.find()).as(screen).isTrue();
    return m.group(1).strip() + " " + m.group(2).strip();
  }
}
