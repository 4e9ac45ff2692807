package dev.securechat.client;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.ConnectionLostException;
import dev.securechat.client.net.FrameListener;
import dev.securechat.client.net.ServerConnection;
import dev.securechat.client.net.ServerErrorException;
import dev.securechat.client.state.ClientState;
import dev.securechat.client.state.OutboxEntry;
import dev.securechat.crypto.LoginSecret;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.Limits;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import dev.securechat.protocol.Usernames;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The client library: one account's connection, durable outbox and delivery state. Every message is
 * committed to the local outbox before it is sent and leaves it only when the server says it is
 * stored; every delivery is recorded as handled before it is acknowledged.
 */
public final class ChatClient implements FrameListener, AutoCloseable {
  public static final int MIN_PASSWORD_LENGTH = 8;

  private final ClientTransport transport;
  private final Path stateDir;
  private final ChatListener listener;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
  private final Set<String> flushScheduled = ConcurrentHashMap.newKeySet();
  private final long[] pendingAck = new long[Stream.values().length];
  private CompletableFuture<Void> lastEnqueued = CompletableFuture.completedFuture(null);
  private volatile ServerConnection connection;
  private volatile ClientState state;
  private volatile String username;

  public ChatClient(ClientTransport transport, Path stateDir, ChatListener listener, Clock clock) {
    this.transport = transport;
    this.stateDir = stateDir;
    this.listener = listener;
    this.clock = clock;
  }

  public CompletableFuture<Void> connect(String host, int port, Duration timeout) {
    return transport.connect(host, port, this, timeout).thenAccept(c -> connection = c);
  }

  public ServerConnection connection() {
    return connection;
  }

  public boolean isConnected() {
    ServerConnection c = connection;
    return c != null && c.isOpen();
  }

  public CompletableFuture<Void> register(String name, char[] password, KeyMaterial keys) {
    return credentials(name, password)
        .thenCompose(
            c -> {
              long id = connection.nextRequestId();
              return connection.request(
                  id,
                  new ClientFrame.Register(
                      id,
                      c.username,
                      c.secret,
                      keys.identityKey(),
                      keys.keyBundle(),
                      keys.oneTimePreKeys()));
            })
        .thenApply(ok -> null);
  }

  public CompletableFuture<LoginInfo> login(String name, char[] password) {
    return credentials(name, password)
        .thenCompose(
            c -> {
              long id = connection.nextRequestId();
              return connection
                  .request(id, new ClientFrame.Login(id, c.username, c.secret))
                  .thenApply(reply -> loggedIn(c.username, reply));
            });
  }

  /** Logs in with the device token saved by the last password login of {@code name}. */
  public CompletableFuture<LoginInfo> resume(String name) {
    String canonical = Usernames.normalize(name).orElseThrow(() -> invalidName());
    ClientState s = stateFor(canonical);
    Optional<ClientState.SavedLogin> saved = s.savedLogin();
    if (saved.isEmpty()) {
      return CompletableFuture.failedFuture(
          new ServerErrorException(
              ErrorCode.TOKEN_INVALID, "no saved login for " + canonical, Duration.ZERO));
    }
    long id = connection.nextRequestId();
    return connection
        .request(id, new ClientFrame.Resume(id, canonical, saved.get().token()))
        .thenApply(reply -> loggedIn(canonical, reply));
  }

  public CompletableFuture<Void> logout() {
    long id = connection.nextRequestId();
    return connection.request(id, new ClientFrame.Logout(id)).thenRun(() -> state.forgetLogin());
  }

  /** Commits a direct message to the outbox and sends it; completes when the server stored it. */
  public CompletableFuture<Void> send(String to, byte[] envelope) {
    String peer = Usernames.normalize(to).orElse(null);
    if (peer == null) {
      return CompletableFuture.failedFuture(
          new ServerErrorException(
              ErrorCode.UNKNOWN_RECIPIENT, "no such user: " + to, Duration.ZERO));
    }
    return enqueue(peer, envelope);
  }

  public CompletableFuture<Void> broadcast(byte[] envelope) {
    return enqueue(Limits.BROADCAST_PAIR, envelope);
  }

  public CompletableFuture<ServerFrame.Bundle> fetchBundle(String name) {
    long id = connection.nextRequestId();
    return connection
        .request(id, new ClientFrame.FetchBundle(id, name))
        .thenApply(reply -> expect(reply, ServerFrame.Bundle.class));
  }

  /** Publishes more one-time prekeys. */
  public CompletableFuture<Void> uploadPreKeys(List<dev.securechat.protocol.PreKey> keys) {
    long id = connection.nextRequestId();
    return connection.request(id, new ClientFrame.UploadPreKeys(id, keys)).thenApply(ok -> null);
  }

  /** Replaces the published key bundle after a signed-prekey rotation. */
  public CompletableFuture<Void> updateBundle(byte[] keyBundle) {
    long id = connection.nextRequestId();
    return connection
        .request(id, new ClientFrame.UpdateBundle(id, keyBundle))
        .thenApply(ok -> null);
  }

  /** The logged-in account's local database, for state that commits with deliveries. */
  public ClientState state() {
    return state;
  }

  /** Opens (or creates) the local state of {@code name} before it logs in or registers. */
  public ClientState openState(String name) {
    return stateFor(Usernames.normalize(name).orElseThrow(() -> invalidName()));
  }

  /**
   * Makes sure the seq of the pair to {@code peer} ("*" for broadcasts) is known, asking the server
   * if this local state has never sent there. Call before {@link #sendPrepared}.
   */
  public CompletableFuture<Void> prepare(String peer) {
    ClientState s = state;
    if (s == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("log in first"));
    }
    return s.lastSeq(peer).isPresent() ? CompletableFuture.completedFuture(null) : learnPair(peer);
  }

  /**
   * Commits {@code envelope} to the outbox in the same transaction as {@code alsoCommit} (the
   * ratchet state that produced it), then sends it. The pair must be {@link #prepare}d. Completes
   * when the server has stored the message.
   */
  public CompletableFuture<Void> sendPrepared(String peer, byte[] envelope, Runnable alsoCommit) {
    ClientState s = state;
    CompletableFuture<Void> stored = new CompletableFuture<>();
    OutboxEntry entry =
        s.db()
            .transaction(
                () -> {
                  alsoCommit.run();
                  return s.enqueue(Uuids.v7(clock, random), peer, envelope);
                });
    waiting.put(entry.id(), stored);
    transmit(entry);
    return stored;
  }

  public CompletableFuture<List<ServerFrame.UserEntry>> users() {
    long id = connection.nextRequestId();
    return connection
        .request(id, new ClientFrame.ListUsers(id))
        .thenApply(r -> expect(r, ServerFrame.UserList.class).users());
  }

  /** Messages committed locally and not yet stored by the server. */
  public List<OutboxEntry> outbox() {
    return state.pending(Optional.empty());
  }

  @Override
  public void close() {
    ServerConnection c = connection;
    if (c != null) {
      c.close();
    }
    ClientState s = state;
    if (s != null) {
      s.close();
    }
  }

  private record Credentials(String username, byte[] secret) {}

  private CompletableFuture<Credentials> credentials(String name, char[] password) {
    Optional<String> canonical = Usernames.normalize(name);
    if (canonical.isEmpty()) {
      return CompletableFuture.failedFuture(invalidName());
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "the password must have at least " + MIN_PASSWORD_LENGTH + " characters"));
    }
    if (sameIgnoringCase(password, canonical.get())) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("the password must not be the username"));
    }
    char[] copy = Arrays.copyOf(password, password.length);
    // Argon2 takes a while; keep it off the caller's thread and the network thread.
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new Credentials(canonical.get(), LoginSecret.derive(canonical.get(), copy));
          } finally {
            Arrays.fill(copy, '\0');
          }
        });
  }

  /** Compares without making a String of the password, which could not be wiped. */
  private static boolean sameIgnoringCase(char[] password, String name) {
    if (password.length != name.length()) {
      return false;
    }
    for (int i = 0; i < password.length; i++) {
      if (Character.toLowerCase(password[i]) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static ServerErrorException invalidName() {
    return new ServerErrorException(
        ErrorCode.USERNAME_INVALID, ErrorCode.USERNAME_INVALID.description(), Duration.ZERO);
  }

  private synchronized ClientState stateFor(String name) {
    if (state == null || !name.equals(username)) {
      if (state != null) {
        state.close();
      }
      state = ClientState.open(stateDir.resolve(name).resolve("state.db"));
      username = name;
    }
    return state;
  }

  /**
   * The server's reply to a request, which must be of the type that request is answered with: a
   * hostile or broken server gets a protocol error, not a ClassCastException in the caller.
   */
  private static <T extends ServerFrame> T expect(ServerFrame reply, Class<T> type) {
    if (!type.isInstance(reply)) {
      throw new ServerErrorException(
          ErrorCode.UNEXPECTED_FRAME,
          "the server answered with " + reply.type() + " instead of " + type.getSimpleName(),
          Duration.ZERO);
    }
    return type.cast(reply);
  }

  /**
   * Checks the login reply before anything is stored under its name: the name picks the local state
   * folder, so a server must not choose another account's, or a path outside the folder.
   */
  private LoginInfo loggedIn(String requested, ServerFrame reply) {
    ServerFrame.LoginOk ok = expect(reply, ServerFrame.LoginOk.class);
    int tokenBytes = ok.deviceToken().length;
    if (!requested.equals(ok.username())
        || (tokenBytes != 0 && tokenBytes != Limits.DEVICE_TOKEN_BYTES)) {
      throw new ServerErrorException(
          ErrorCode.BAD_REQUEST,
          "the server's login reply does not match the request",
          Duration.ZERO);
    }
    ClientState s = stateFor(ok.username());
    if (ok.deviceToken().length > 0) {
      s.saveLogin(ok.username(), ok.deviceToken());
    }
    flushAll();
    return new LoginInfo(ok.username(), ok.sessionNo(), ok.missedBroadcasts());
  }

  /**
   * Messages get their seqs in the order of the calls, even when the first one to a peer must wait
   * for the server to say where the pair stands: each enqueue waits for the one before it.
   */
  private synchronized CompletableFuture<Void> enqueue(String peer, byte[] envelope) {
    ClientState s = state;
    if (s == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("log in first"));
    }
    CompletableFuture<Void> stored = new CompletableFuture<>();
    lastEnqueued =
        lastEnqueued
            .handle((v, earlierFailure) -> null)
            .thenCompose(
                v ->
                    s.lastSeq(peer).isPresent()
                        ? CompletableFuture.completedFuture(null)
                        : learnPair(peer))
            .thenRun(
                () -> {
                  OutboxEntry entry = s.enqueue(Uuids.v7(clock, random), peer, envelope);
                  waiting.put(entry.id(), stored);
                  transmit(entry);
                })
            .whenComplete(
                (v, error) -> {
                  if (error != null) {
                    stored.completeExceptionally(error);
                  }
                });
    return stored;
  }

  /** A fresh local state asks the server where the pair stands before its first message. */
  private CompletableFuture<Void> learnPair(String peer) {
    long id = connection.nextRequestId();
    return connection
        .request(id, new ClientFrame.SeqQuery(id, peer))
        .thenAccept(r -> state.initPair(peer, expect(r, ServerFrame.SeqState.class).lastSeq()));
  }

  private void transmit(OutboxEntry e) {
    ServerConnection c = connection;
    if (c == null || !c.isOpen()) {
      return; // sent again after the next login
    }
    ClientFrame frame =
        e.peer().equals(Limits.BROADCAST_PAIR)
            ? new ClientFrame.Broadcast(e.id(), e.seq(), e.envelope())
            : new ClientFrame.Send(e.id(), e.seq(), e.peer(), e.envelope());
    c.submit(e.id(), frame).whenComplete((reply, error) -> answered(e, reply, error));
  }

  private void answered(OutboxEntry e, ServerFrame reply, Throwable error) {
    if (error != null) {
      return; // the connection dropped; the entry stays in the outbox
    }
    switch (reply) {
      case ServerFrame.Stored s -> {
        state.remove(e.id());
        complete(e.id(), null);
      }
      case ServerFrame.Busy b -> flushLater(e.peer(), Duration.ofMillis(b.retryAfterMillis()));
      case ServerFrame.Rejected r -> rejected(e, r);
      default -> throw new IllegalStateException("unexpected reply " + reply.type());
    }
  }

  private void rejected(OutboxEntry e, ServerFrame.Rejected r) {
    switch (r.code()) {
      case UNKNOWN_RECIPIENT, BAD_REQUEST -> {
        state.remove(e.id());
        complete(e.id(), new ServerErrorException(r.code(), r.code().description(), Duration.ZERO));
      }
      case SEQ_GAP, SEQ_CONFLICT -> {
        List<OutboxEntry> pending = state.pending(Optional.of(e.peer()));
        if (!pending.isEmpty() && pending.getFirst().seq() != r.expectedSeq()) {
          state.renumber(e.peer(), r.expectedSeq());
        }
        flushLater(e.peer(), Duration.ofMillis(100));
      }
      default -> flushLater(e.peer(), Duration.ofSeconds(1));
    }
  }

  private void complete(UUID id, Throwable error) {
    CompletableFuture<Void> f = waiting.remove(id);
    if (f == null) {
      return;
    }
    if (error == null) {
      f.complete(null);
    } else {
      f.completeExceptionally(error);
    }
  }

  private void flushLater(String peer, Duration delay) {
    ServerConnection c = connection;
    if (c == null || !flushScheduled.add(peer)) {
      return;
    }
    c.channel()
        .eventLoop()
        .schedule(
            () -> {
              flushScheduled.remove(peer);
              state.pending(Optional.of(peer)).forEach(this::transmit);
            },
            Math.max(1, delay.toMillis()),
            TimeUnit.MILLISECONDS);
  }

  private void flushAll() {
    state.pending(Optional.empty()).forEach(this::transmit);
  }

  @Override
  public void onFrame(ServerFrame frame) {
    switch (frame) {
      case ServerFrame.Deliver d -> deliver(d);
      case ServerFrame.Presence p -> listener.onPresence(p.online());
      case ServerFrame.PresenceChange p -> listener.onPresenceChange(p.username(), p.online());
      default -> {}
    }
  }

  private void deliver(ServerFrame.Deliver d) {
    ClientState state = this.state;
    if (state == null) {
      // Nothing may be delivered before a login; not recorded and not acked, so nothing is lost.
      return;
    }
    int s = d.stream().ordinal();
    if (d.qseq() > state.handled(d.stream())) {
      listener.onMessage(
          new IncomingMessage(
              d.stream(),
              d.qseq(),
              d.id(),
              d.from(),
              Instant.ofEpochMilli(d.serverTimeMillis()),
              d.envelope()));
      state.markHandled(d.stream(), d.qseq());
    }
    pendingAck[s] = Math.max(pendingAck[s], d.qseq());
  }

  @Override
  public void onReadComplete() {
    ServerConnection c = connection;
    for (Stream stream : Stream.values()) {
      long upTo = pendingAck[stream.ordinal()];
      if (upTo > 0 && c != null) {
        c.send(new ClientFrame.Ack(stream, upTo));
        pendingAck[stream.ordinal()] = 0;
      }
    }
  }

  @Override
  public void onClosed(ServerFrame.Bye bye) {
    Arrays.fill(pendingAck, 0);
    listener.onDisconnected(bye);
  }

  /** For callers that want the reason a future failed in one word. */
  public static boolean isConnectionLoss(Throwable t) {
    Throwable c = t;
    while (c != null) {
      if (c instanceof ConnectionLostException) {
        return true;
      }
      c = c.getCause();
    }
    return false;
  }
}
