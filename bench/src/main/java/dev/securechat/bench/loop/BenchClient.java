package dev.securechat.bench.loop;

import dev.securechat.client.ChatClient;
import dev.securechat.client.ChatListener;
import dev.securechat.client.KeyMaterial;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.KnownServers;
import dev.securechat.client.net.TrustOnFirstUse;
import dev.securechat.protocol.PreKey;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One real client: its own transport (event loop) and state folder, as a separate client program
 * would have, registered and logged in over TLS.
 */
final class BenchClient implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final char[] PASSWORD = "bench password, not a secret".toCharArray();

  private final ClientTransport transport;
  private final ChatClient client;

  private BenchClient(ClientTransport transport, ChatClient client) {
    this.transport = transport;
    this.client = client;
  }

  /** Connects, registers {@code name} and logs in; closes what it opened if any step fails. */
  static BenchClient online(
      String name, Path dir, InetSocketAddress server, ChatListener listener) {
    ClientTransport transport =
        new ClientTransport(new KnownServers(dir.resolve("known_servers")), TrustOnFirstUse.ALWAYS);
    BenchClient c =
        new BenchClient(
            transport,
            new ChatClient(transport, dir.resolve("state"), listener, Clock.systemUTC()));
    try {
      await(c.client.connect(server.getHostString(), server.getPort(), TIMEOUT));
      await(c.client.register(name, PASSWORD, keys()));
      await(c.client.login(name, PASSWORD));
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static <T> T await(CompletableFuture<T> step) {
    return step.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  /** Random public keys: the server stores them without looking inside. */
  private static KeyMaterial keys() {
    SecureRandom random = new SecureRandom();
    List<PreKey> preKeys = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      preKeys.add(new PreKey(i, bytes(random, 32)));
    }
    return new KeyMaterial(bytes(random, 32), bytes(random, 64), preKeys);
  }

  private static byte[] bytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  CompletableFuture<Void> send(String to, byte[] envelope) {
    return client.send(to, envelope);
  }

  boolean isConnected() {
    return client.isConnected();
  }

  /** Messages still in the outbox: committed locally, not confirmed stored. */
  int outboxSize() {
    return client.outbox().size();
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      transport.close();
    }
  }
}
