package dev.securechat.client;

import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.ConnectionLostException;
import dev.securechat.client.net.FrameListener;
import dev.securechat.client.net.ServerConnection;
import dev.securechat.client.net.ServerErrorException;
import dev.securechat.client.state.ClientState;
import dev.securechat.client.state.OutboxEntry;
import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.Limits;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Usernames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client library: one account's connection, durable outbox and delivery state. Every message is
 * committed to the local outbox before it is sent and leaves it only when the server says it is
 * stored; every delivery is recorded as handled before it is acknowledged. With {@link
 * ClientOptions#reconnect} set, a connection lost after login comes back by itself (backoff with
 * jitter, then a resume with the device token) and the outbox is sent again.
 */
public final class ChatClient implements AutoCloseable {
  public static final int MIN_PASSWORD_LENGTH = 8;
  private static final Logger log = LoggerFactory.getLogger(ChatClient.class);

  private final ClientTransport transport;
  private final Path stateDir;
  private final ChatListener listener;
  private final Deliveries deliveries;
  private final Outbox outbox;
  private final Reconnector reconnector;
  private volatile ServerConnection connection;
  private volatile Link link;
  private volatile ClientState state;
  private volatile String username;
  private volatile String resumeAs;
  private volatile boolean closed;
  private Endpoint endpoint; // guarded by this

  /** Where {@link #connect} went last: reconnecting goes there again. */
  private record Endpoint(String host, int port, Duration timeout) {}

  public ChatClient(ClientTransport transport, Path stateDir, ChatListener listener, Clock clock) {
    this(transport, stateDir, listener, clock, ClientOptions.defaults());
  }

  public ChatClient(
      ClientTransport transport,
      Path stateDir,
      ChatListener listener,
      Clock clock,
      ClientOptions options) {
    this.transport = transport;
    this.stateDir = stateDir;
    this.listener = listener;
    this.deliveries = new Deliveries(() -> state, listener, options.deliveries());
    this.outbox = new Outbox(() -> connection, () -> state, listener, options.sendRetry(), clock);
    this.reconnector =
        options
            .reconnect()
            .map(
                backoff -> new Reconnector(backoff, this::reconnectOnce, this::sessionUp, listener))
            .orElse(null);
  }

  public CompletableFuture<Void> connect(String host, int port, Duration timeout) {
    synchronized (this) {
      endpoint = new Endpoint(host, port, timeout);
    }
    Link next = new Link();
    return transport
        .connect(host, port, next, timeout)
        .thenAccept(
            c -> {
              next.connection = c;
              if (closed) {
                // A reconnect attempt that finished after close(): leave nothing open.
                next.discarded = true;
                c.channel().close();
                throw new IllegalStateException("the client is closed");
              }
              link = next;
              connection = c;
            });
  }

  /**
   * Whether a lost connection that said {@code bye} (null: it just went away) is worth
   * reconnecting: not when the account logged in elsewhere, logged out or was disconnected by the
   * operator.
   */
  public static boolean reconnectsAfter(ServerFrame.Bye bye) {
    return bye == null
        || switch (bye.code()) {
          case SESSION_REPLACED, LOGGED_OUT, DISCONNECTED_BY_ADMIN -> false;
          default -> true;
        };
  }

  public ServerConnection connection() {
    return connection;
  }

  public boolean isConnected() {
    ServerConnection c = connection;
    return c != null && c.isOpen();
  }

  /** Connected and logged in on that connection. */
  private boolean sessionUp() {
    Link l = link;
    return l != null && l.loggedIn && l.connection.isOpen();
  }

  public CompletableFuture<Void> register(String name, char[] password, KeyMaterial keys) {
    return Credentials.derive(name, password)
        .thenCompose(
            c -> {
              long id = connection.nextRequestId();
              return connection.request(
                  id,
                  new ClientFrame.Register(
                      id,
                      c.username(),
                      c.secret(),
                      keys.identityKey(),
                      keys.keyBundle(),
                      keys.oneTimePreKeys()));
            })
        .thenApply(ok -> null);
  }

  public CompletableFuture<LoginInfo> login(String name, char[] password) {
    return Credentials.derive(name, password)
        .thenCompose(
            c -> {
              long id = connection.nextRequestId();
              return connection
                  .request(id, new ClientFrame.Login(id, c.username(), c.secret()))
                  .thenApply(reply -> loggedIn(c.username(), reply));
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
    resumeAs = null;
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
    return outbox.enqueue(peer, envelope);
  }

  public CompletableFuture<Void> broadcast(byte[] envelope) {
    return outbox.enqueue(Limits.BROADCAST_PAIR, envelope);
  }

  public CompletableFuture<ServerFrame.Bundle> fetchBundle(String name) {
    long id = connection.nextRequestId();
    return connection
        .request(id, new ClientFrame.FetchBundle(id, name))
        .thenApply(reply -> Replies.expect(reply, ServerFrame.Bundle.class));
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
    return outbox.prepare(peer);
  }

  /**
   * Commits {@code envelope} to the outbox in the same transaction as {@code alsoCommit} (the
   * ratchet state that produced it), then sends it. The pair must be {@link #prepare}d. Completes
   * when the server has stored the message.
   */
  public CompletableFuture<Void> sendPrepared(String peer, byte[] envelope, Runnable alsoCommit) {
    return outbox.sendPrepared(peer, envelope, alsoCommit);
  }

  public CompletableFuture<List<ServerFrame.UserEntry>> users() {
    long id = connection.nextRequestId();
    return connection
        .request(id, new ClientFrame.ListUsers(id))
        .thenApply(r -> Replies.expect(r, ServerFrame.UserList.class).users());
  }

  /** Messages committed locally and not yet stored by the server. */
  public List<OutboxEntry> outbox() {
    return state.pending(Optional.empty());
  }

  @Override
  public void close() {
    closed = true;
    if (reconnector != null) {
      reconnector.stop();
    }
    Link l = link;
    if (l != null) {
      l.discarded = true;
    }
    ServerConnection c = connection;
    if (c != null) {
      c.close();
    }
    ClientState s = state;
    if (s != null) {
      s.close();
    }
  }

  private static ServerErrorException invalidName() {
    return Credentials.invalidName();
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

  /** Checked by {@link Replies#loginOk} before anything is stored under the reply's name. */
  private LoginInfo loggedIn(String requested, ServerFrame reply) {
    ServerFrame.LoginOk ok = Replies.loginOk(requested, reply);
    ClientState s = stateFor(ok.username());
    if (ok.deviceToken().length > 0) {
      s.saveLogin(ok.username(), ok.deviceToken());
    }
    Link l = link;
    if (l != null) {
      l.loggedIn = true;
    }
    resumeAs = ok.username();
    outbox.flushAll();
    return new LoginInfo(ok.username(), ok.sessionNo(), ok.missedBroadcasts());
  }

  /**
   * One reconnect attempt: connect where the last connection went, resume the session, and tell the
   * listener on the connection's thread, before the messages that waited are handled. A connection
   * whose resume failed is closed quietly.
   */
  private CompletableFuture<LoginInfo> reconnectOnce() {
    String name = resumeAs;
    Endpoint to;
    synchronized (this) {
      to = endpoint;
    }
    if (name == null || to == null || closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("not logged in"));
    }
    return connect(to.host(), to.port(), to.timeout())
        .thenCompose(v -> resume(name))
        .thenApply(
            info -> {
              try {
                listener.onReconnected(info);
              } catch (RuntimeException e) {
                // The session is back all the same; a failing listener must not undo that.
                log.warn("The reconnect listener failed", e);
              }
              return info;
            })
        .whenComplete(
            (info, error) -> {
              Link l = link;
              if (error != null && l != null && !l.loggedIn) {
                l.discarded = true;
                // Not close(): this may run on the connection's own thread.
                l.connection.channel().close();
              }
            });
  }

  private void onFrame(ServerFrame frame) {
    switch (frame) {
      case ServerFrame.Deliver d -> deliveries.deliver(d);
      case ServerFrame.Presence p -> listener.onPresence(p.online());
      case ServerFrame.PresenceChange p -> listener.onPresenceChange(p.username(), p.online());
      default -> {}
    }
  }

  private void onReadComplete() {
    deliveries.acknowledge(connection);
  }

  private void onClosed(Link closedLink, ServerFrame.Bye bye) {
    if (closedLink.discarded || closedLink != link) {
      return; // replaced by a newer connection, or closed on purpose
    }
    deliveries.connectionClosed();
    listener.onDisconnected(bye);
    if (reconnector != null && !closed && closedLink.loggedIn && reconnectsAfter(bye)) {
      reconnector.start();
    }
  }

  /**
   * A listener that feeds this client the frames of a connection opened outside {@link #connect}
   * (an embedded channel in tests); it replaces the current connection's listener.
   */
  public FrameListener newConnectionListener() {
    Link next = new Link();
    link = next;
    return next;
  }

  /** One connection's events; only the current connection's end is reported. */
  private final class Link implements FrameListener {
    volatile ServerConnection connection;
    volatile boolean loggedIn;
    volatile boolean discarded;

    @Override
    public void onFrame(ServerFrame frame) {
      ChatClient.this.onFrame(frame);
    }

    @Override
    public void onReadComplete() {
      ChatClient.this.onReadComplete();
    }

    @Override
    public void onClosed(ServerFrame.Bye bye) {
      ChatClient.this.onClosed(this, bye);
    }
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
