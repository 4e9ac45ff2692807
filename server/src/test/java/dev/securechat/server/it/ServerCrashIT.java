package dev.securechat.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.securechat.client.Backoff;
import dev.securechat.client.ClientOptions;
import dev.securechat.client.e2e.ReceivedText;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.Stream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the server under steady load, then a restart on the same data folder and port.
 *
 * <p>The server runs in a JVM of its own ({@link ServerProcess}); three senders and two receivers
 * use the real client library (end-to-end encryption, the durable outbox and the local SQLite
 * state), with reconnecting turned on. The test never connects or logs a client in again: the
 * library does it, with its exponential backoff.
 */
class ServerCrashIT {
  private static final int MESSAGES_PER_SENDER = 50;
  private static final List<String> SENDERS = List.of("sam", "sue", "sid");
  private static final List<String> RECEIVERS = List.of("rita", "ruth");

  @TempDir Path dir;
  ServerProcess server;
  ClientTransport transport;
  final List<TestMessenger> open = new ArrayList<>();
  ScheduledExecutorService load;

  @AfterEach
  void stop() throws Exception {
    if (load != null) {
      load.shutdownNow();
    }
    open.forEach(TestMessenger::close);
    if (transport != null) {
      transport.close();
    }
    if (server != null) {
      server.close();
    }
  }

  TestMessenger online(String name) {
    var options =
        ClientOptions.defaults()
            .reconnecting(
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new SecureRandom()));
    TestMessenger m =
        new TestMessenger(transport, dir.resolve(name), server.chatAddress(), name, options);
    open.add(m);
    return m.register().login();
  }

  @Test
  void everyMessageArrivesOnceAndInOrderAfterTheServerIsKilledUnderLoad() throws Exception {
    server = new ServerProcess(dir, dir.resolve("data"), Map.of());
    server.startAndAwaitReady();
    transport =
        new ClientTransport(new KnownServers(dir.resolve("known_servers")), TrustOnFirstUse.ALWAYS);
    Map<String, TestMessenger> senders = new LinkedHashMap<>();
    Map<String, TestMessenger> receivers = new LinkedHashMap<>();
    RECEIVERS.forEach(r -> receivers.put(r, online(r)));
    SENDERS.forEach(s -> senders.put(s, online(s)));
    // First contact before the load, so that every later send needs nothing from the server
    // before it reaches the outbox (no key bundle to fetch).
    for (TestMessenger sender : senders.values()) {
      for (String receiver : RECEIVERS) {
        sender.send(receiver, "hello from " + sender.name);
      }
    }

    Map<String, CompletableFuture<Void>> sent = new ConcurrentHashMap<>();
    load = Executors.newScheduledThreadPool(SENDERS.size());
    for (TestMessenger sender : senders.values()) {
      AtomicInteger next = new AtomicInteger();
      load.scheduleAtFixedRate(
          () -> {
            int i = next.getAndIncrement();
            if (i < MESSAGES_PER_SENDER) {
              String body = sender.name + "#" + i;
              sent.put(body, sender.messenger.send(RECEIVERS.get(i % 2), body));
            }
          },
          0,
          20,
          TimeUnit.MILLISECONDS);
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> receivers.values().stream().mapToInt(r -> loadTexts(r).size()).sum() >= 30);
    server.kill();
    List<String> storedBeforeKill =
        sent.entrySet().stream()
            .filter(e -> e.getValue().isDone() && !e.getValue().isCompletedExceptionally())
            .map(Map.Entry::getKey)
            .toList();

    // The load goes on while the server is down: every further message waits in an outbox.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (TestMessenger sender : senders.values()) {
                long stored =
                    sent.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(sender.name + "#"))
                        .filter(e -> e.getValue().isDone())
                        .count();
                assertThat(stored + sender.messenger.chat().outbox().size())
                    .as("%s's messages, stored or in the outbox", sender.name)
                    .isEqualTo(MESSAGES_PER_SENDER);
              }
            });
    for (TestMessenger sender : senders.values()) {
      assertThat(sender.messenger.chat().outbox()).as(sender.name + "'s outbox").isNotEmpty();
    }
    assertThat(storedBeforeKill).isNotEmpty();

    server.startAndAwaitReady();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(sent.values()).allMatch(CompletableFuture::isDone);
              int received = receivers.values().stream().mapToInt(r -> loadTexts(r).size()).sum();
              assertThat(received).isGreaterThanOrEqualTo(SENDERS.size() * MESSAGES_PER_SENDER);
            });
    assertThat(sent.values()).noneMatch(CompletableFuture::isCompletedExceptionally);
    for (TestMessenger sender : senders.values()) {
      assertThat(sender.messenger.chat().outbox()).as(sender.name + "'s outbox").isEmpty();
      assertThat(sender.reconnects()).as(sender.name + " reconnected by itself").isPositive();
    }
    for (TestMessenger receiver : receivers.values()) {
      assertThat(receiver.reconnects()).as(receiver.name + " reconnected by itself").isPositive();
      List<String> got = loadTexts(receiver).stream().map(ReceivedText::body).toList();
      assertThat(got).as("nothing twice").doesNotHaveDuplicates();
      for (TestMessenger sender : senders.values()) {
        List<String> order =
            sender.sentTo(receiver.name).stream().filter(b -> !b.startsWith("hello")).toList();
        assertThat(got.stream().filter(b -> b.startsWith(sender.name + "#")).toList())
            .as("%s -> %s, in the order sent", sender.name, receiver.name)
            .containsExactlyElementsOf(order);
      }
    }
    List<String> everything =
        receivers.values().stream()
            .flatMap(r -> loadTexts(r).stream())
            .map(ReceivedText::body)
            .toList();
    assertThat(everything).containsAll(storedBeforeKill);
  }

  /** The load's messages a receiver was shown (the greetings left out). */
  private static List<ReceivedText> loadTexts(TestMessenger receiver) {
    return receiver.texts.stream()
        .filter(t -> t.stream() == Stream.DIRECT && !t.body().startsWith("hello"))
        .toList();
  }
}
