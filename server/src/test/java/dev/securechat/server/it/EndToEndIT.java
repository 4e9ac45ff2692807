package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.e2e.UntrustedIdentityException;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.client.state.IdentityPins;
import dev.securechat.server.SecureChatServer;
import dev.securechat.server.config.LoggingSettings;
import dev.securechat.server.logging.LoggingSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three people chatting end to end through the real server, which must learn nothing. */
class EndToEndIT {
  @TempDir Path dir;
  SecureChatServer server;
  ClientTransport transport;
  final List<TestMessenger> open = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    // Everything the server logs, at the most verbose level, goes to a file that is searched.
    LoggingSetup.apply(
        new LoggingSettings(
            LoggingSettings.Level.TRACE,
            true,
            dir.resolve("server").resolve("logs/server.log"),
            10,
            1));
    server = TestServer.start(dir.resolve("server"), java.util.Map.of("logging.level", "DEBUG"));
    transport = new ClientTransport(new KnownServers(dir.resolve("known")), TrustOnFirstUse.ALWAYS);
  }

  @AfterEach
  void stop() throws Exception {
    open.forEach(TestMessenger::close);
    transport.close();
    server.close();
    LoggingSetup.restoreDefaults();
  }

  TestMessenger person(String name) {
    TestMessenger m = new TestMessenger(transport, dir.resolve("client-" + name), server, name);
    open.add(m);
    return m;
  }

  @Test
  void aConversationOfThreeIncludingOneWhoWasAwayLeavesNoPlaintextOnTheServer() throws Exception {
    TestMessenger alice = person("alice").register().login();
    TestMessenger bob = person("bob").register().login();
    TestMessenger carol = person("carol").register();

    alice.send("bob", "plaintext-one: hello bob");
    bob.awaitSeen("@alice:plaintext-one: hello bob");
    bob.send("alice", "plaintext-two: hi alice");
    alice.awaitSeen("@bob:plaintext-two: hi alice");
    alice.send("carol", "plaintext-three: for carol while away");
    alice.broadcast("plaintext-four: hello everyone");
    bob.awaitSeen("*alice:plaintext-four: hello everyone");

    carol.login();
    carol.awaitSeen(
        "@alice:plaintext-three: for carol while away", "*alice:plaintext-four: hello everyone");
    carol.send("alice", "plaintext-five: back now");
    alice.awaitSeen("@carol:plaintext-five: back now");
    bob.broadcast("plaintext-six: bob to all");
    alice.awaitSeen("*bob:plaintext-six: bob to all");
    carol.awaitSeen("*bob:plaintext-six: bob to all");

    assertThat(alice.seen()).doesNotContain("*alice:plaintext-four: hello everyone");
    assertThat(List.of(alice, bob, carol)).allSatisfy(p -> assertThat(p.undecryptable).isEmpty());

    // Both sides compute the same 60 digits.
    var ab = alice.messenger.safetyNumber("bob").orElseThrow();
    var ba = bob.messenger.safetyNumber("alice").orElseThrow();
    assertThat(ab.digits()).hasSize(60).isEqualTo(ba.digits());
    assertThat(alice.messenger.safetyNumber("carol").orElseThrow().digits())
        .isNotEqualTo(ab.digits());

    server.close();
    List<String> secrets =
        List.of(
            "plaintext-one",
            "plaintext-two",
            "plaintext-three",
            "plaintext-four",
            "plaintext-five",
            "plaintext-six",
            TestClient.PASSWORD);
    List<Path> files = serverFiles();
    assertThat(files)
        .extracting(f -> f.getFileName().toString())
        .contains("securechat.db", "server.log");
    assertThat(Files.size(dir.resolve("server").resolve("logs/server.log"))).isPositive();
    assertThat(files).allSatisfy(f -> assertNoneIn(f, secrets));
  }

  @Test
  void aChangedIdentityKeyBlocksSendingUntilAccepted() {
    TestMessenger alice = person("alice").register().login();
    TestMessenger eve = person("eve").register().login();
    // Alice had pinned another key for "eve" (as if eve reinstalled, or the server lied).
    byte[] other = new byte[294];
    new SecureRandom().nextBytes(other);
    new IdentityPins(alice.messenger.chat().state().db()).check("eve", other);

    assertThatThrownBy(() -> alice.send("eve", "should not go"))
        .hasCauseInstanceOf(UntrustedIdentityException.class);
    assertThat(alice.identityChanges).containsExactly("eve");
    assertThat(alice.messenger.identityOf("eve").orElseThrow().blocked()).isTrue();
    assertThatThrownBy(() -> alice.send("eve", "still blocked"))
        .hasCauseInstanceOf(UntrustedIdentityException.class);

    assertThat(alice.messenger.acceptIdentity("eve")).isTrue();
    alice.send("eve", "after accepting");
    eve.awaitSeen("@alice:after accepting");
    assertThat(eve.seen()).doesNotContain("@alice:should not go", "@alice:still blocked");
  }

  @Test
  void tamperedEnvelopesAreReportedAndTheConversationGoesOn() {
    TestMessenger alice = person("alice").register().login();
    TestMessenger bob = person("bob").register().login();
    alice.send("bob", "first");
    bob.awaitSeen("@alice:first");
    // A forged envelope through the real server: bob reports it, and later messages still work.
    alice.messenger.chat().send("bob", new byte[] {1, 2, 3, 4}).join();
    await().atMost(Duration.ofSeconds(10)).until(() -> !bob.undecryptable.isEmpty());
    alice.send("bob", "second");
    bob.awaitSeen("@alice:second");
  }

  private List<Path> serverFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("server"))) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static void assertNoneIn(Path file, List<String> secrets) {
    try {
      String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String s : secrets) {
        assertThat(content).as("%s must not contain %s", file, s).doesNotContain(s);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
