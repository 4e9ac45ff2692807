package dev.securechat.client.e2e;

import dev.securechat.client.ChatClient;
import dev.securechat.client.ClientOptions;
import dev.securechat.client.IncomingMessage;
import dev.securechat.client.KeyMaterial;
import dev.securechat.client.LoginInfo;
import dev.securechat.client.net.ClientTransport;
import dev.securechat.client.net.ServerErrorException;
import dev.securechat.client.state.ClientState;
import dev.securechat.client.state.HistoryEntry;
import dev.securechat.client.state.HistoryStore;
import dev.securechat.client.state.IdentityPins;
import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.OneTimePreKey;
import dev.securechat.crypto.keys.PublicBundle;
import dev.securechat.crypto.keys.VerifiedBundle;
import dev.securechat.crypto.primitives.Argon2id;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.session.EncryptResult;
import dev.securechat.crypto.store.StoreKey;
import dev.securechat.crypto.trust.SafetyNumber;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.Limits;
import dev.securechat.protocol.PreKey;
import dev.securechat.protocol.ServerFrame;
import dev.securechat.protocol.Stream;
import dev.securechat.protocol.Usernames;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end encrypted chat on top of {@link ChatClient}: registration publishes the keys, {@link
 * #send} and {@link #broadcast} encrypt, and every delivery is decrypted, verified, deduplicated
 * and saved before the application sees it. The server sees only the envelopes: {@code 0x01 ||
 * pairwise message} or {@code 0x02 || sender-key message}.
 */
public final class SecureMessenger implements AutoCloseable {
  static final byte PAIRWISE = 1;
  static final byte BROADCAST = 2;
  private static final Logger log = LoggerFactory.getLogger(SecureMessenger.class);

  /** How expensive unlocking the local key store is. */
  public enum StoreCost {
    /** crypto.md's default, m = 64 MiB, t = 3. */
    DEFAULT,
    /** The minimum crypto.md allows, for tests and benchmarks only. */
    TESTS_ONLY
  }

  private final ChatClient chat;
  private final MessengerListener listener;
  private final Clock clock;
  private final StoreCost storeCost;
  private final SecureRandom random = new SecureRandom();
  private final ExecutorService worker = Executors.newVirtualThreadPerTaskExecutor();
  private final java.util.concurrent.ScheduledExecutorService maintenance =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("key-maintenance").daemon().factory());
  private volatile Account account;
  private volatile boolean bundleUnpublished;

  public SecureMessenger(
      ClientTransport transport,
      Path stateDir,
      MessengerListener listener,
      Clock clock,
      StoreCost storeCost) {
    this(transport, stateDir, listener, clock, storeCost, ClientOptions.defaults());
  }

  /**
   * @param options reconnecting by itself, send retries and delivery hooks ({@link ClientOptions})
   */
  public SecureMessenger(
      ClientTransport transport,
      Path stateDir,
      MessengerListener listener,
      Clock clock,
      StoreCost storeCost,
      ClientOptions options) {
    this.chat =
        new ChatClient(
            transport, stateDir, new ListenerBridge(this::receive, listener), clock, options);
    this.listener = listener;
    this.clock = clock;
    this.storeCost = storeCost;
    // A client that stays logged in for weeks must still rotate (crypto.md: every 7 days).
    maintenance.scheduleWithFixedDelay(
        () -> worker.execute(this::maintainKeys), 6, 6, java.util.concurrent.TimeUnit.HOURS);
  }

  /** The unlocked keys of the logged-in account and what uses them. */
  private record Account(
      ClientState state,
      KeyVault vault,
      IdentityPins pins,
      PairwiseSessions sessions,
      BroadcastKeys broadcasts,
      HistoryStore history,
      Receiver receiver) {}

  public ChatClient chat() {
    return chat;
  }

  public CompletableFuture<Void> connect(String host, int port, Duration timeout) {
    return chat.connect(host, port, timeout);
  }

  /** Makes this device's keys, seals them under the password, and registers them. */
  public CompletableFuture<Void> register(String name, char[] password) {
    String canonical = canonical(name);
    char[] copy = password.clone();
    return CompletableFuture.supplyAsync(
            () -> {
              ClientState state = chat.openState(canonical);
              if (state.storeKeyHeader().isPresent()) {
                throw new IllegalStateException(
                    "this device already has keys for " + canonical + "; log in instead");
              }
              Argon2id.Cost cost =
                  storeCost == StoreCost.DEFAULT ? StoreKey.DEFAULT_COST : StoreKey.MINIMUM_COST;
              return KeyVault.create(
                  canonical,
                  copy,
                  state,
                  cost,
                  storeCost == StoreCost.TESTS_ONLY,
                  random,
                  clock.instant());
            },
            worker)
        .thenCompose(
            vault -> {
              PublicBundle bundle =
                  PublicBundle.of(canonical, vault.identity(), vault.preKeys(), random);
              List<PreKey> oneTime = toWire(vault.preKeys().oneTimePublicKeys());
              KeyMaterial keys =
                  new KeyMaterial(vault.identity().publicKey(), bundle.keyBundleBytes(), oneTime);
              return chat.register(canonical, password, keys)
                  .whenComplete(
                      (ok, error) -> {
                        if (error != null) {
                          // Refused (name taken...): leave no orphaned keys on this device.
                          vault.secrets().deleteAll();
                          chat.openState(canonical).db().update("DELETE FROM store_key");
                        }
                        vault.close();
                      });
            })
        .whenComplete((ok, error) -> java.util.Arrays.fill(copy, '\0'));
  }

  /** Unlocks this device's keys with the password, then logs in. */
  public CompletableFuture<LoginInfo> login(String name, char[] password) {
    String canonical = canonical(name);
    char[] copy = password.clone();
    return CompletableFuture.supplyAsync(() -> unlock(canonical, copy), worker)
        .thenCompose(a -> chat.login(canonical, password))
        .thenApply(
            info -> {
              worker.execute(this::maintainKeys);
              return info;
            })
        .whenComplete((ok, error) -> java.util.Arrays.fill(copy, '\0'));
  }

  /** Logs in again with the device token, keys already unlocked (after a dropped connection). */
  public CompletableFuture<LoginInfo> resume() {
    Account a = requireAccount();
    return chat.resume(a.vault().username());
  }

  /** Encrypts and sends; the message enters the sealed history with its outbox entry. */
  public CompletableFuture<Void> send(String to, String text) {
    Account a = requireAccount();
    String peer = canonical(to);
    Content.Text content = new Content.Text(clock.millis(), text);
    return sendContent(
        peer,
        content,
        () ->
            a.history()
                .add(
                    new HistoryEntry(
                        Instant.ofEpochMilli(content.sentAtMillis()),
                        HistoryEntry.Direction.SENT,
                        Stream.DIRECT,
                        peer,
                        text)));
  }

  /** Sends to every registered account with this account's sender-key chain. */
  public CompletableFuture<Void> broadcast(String text) {
    Account a = requireAccount();
    Content.Text content = new Content.Text(clock.millis(), text);
    byte[] payload = content.encode();
    HistoryEntry sent =
        new HistoryEntry(
            Instant.ofEpochMilli(content.sentAtMillis()),
            HistoryEntry.Direction.SENT,
            Stream.BROADCAST,
            Limits.BROADCAST_PAIR,
            text);
    return chat.users()
        .thenComposeAsync(
            // The broadcast goes out once its key is stored for everyone who lacked it: a sender
            // that quits right after broadcasting must not leave the readers without the key.
            users -> distribute(a, users).thenCompose(v -> chat.prepare(Limits.BROADCAST_PAIR)),
            worker)
        .thenComposeAsync(
            ready -> {
              synchronized (a.broadcasts()) {
                byte[] message = a.broadcasts().encrypt(payload);
                return chat.sendPrepared(
                    Limits.BROADCAST_PAIR,
                    Bytes.concat(new byte[] {BROADCAST}, message),
                    () -> {
                      a.broadcasts().saveOwn();
                      a.history().add(sent);
                    });
              }
            },
            worker);
  }

  /** The 60-digit safety number of this account and {@code peer}, if a key is pinned for them. */
  public Optional<SafetyNumber> safetyNumber(String peer) {
    Account a = requireAccount();
    String p = canonical(peer);
    return a.pins()
        .pin(p)
        .map(
            pin ->
                SafetyNumber.of(
                    a.vault().username(), a.vault().identity().publicKey(), p, pin.identityKey()));
  }

  /**
   * The safety number {@code peer}'s changed, not yet accepted key would give: what the person
   * compares before accepting it.
   */
  public Optional<SafetyNumber> pendingSafetyNumber(String peer) {
    Account a = requireAccount();
    String p = canonical(peer);
    return a.pins()
        .pin(p)
        .flatMap(IdentityPins.Pin::pendingKey)
        .map(
            key -> SafetyNumber.of(a.vault().username(), a.vault().identity().publicKey(), p, key));
  }

  /** The logged-in account's sealed message history. */
  public HistoryStore history() {
    return requireAccount().history();
  }

  public Optional<IdentityPins.Pin> identityOf(String peer) {
    return requireAccount().pins().pin(canonical(peer));
  }

  /** The person accepted {@code peer}'s new key: sending resumes with a fresh session. */
  public boolean acceptIdentity(String peer) {
    Account a = requireAccount();
    String p = canonical(peer);
    boolean accepted = a.pins().acceptPending(p);
    if (accepted) {
      a.sessions().forget(p);
      a.broadcasts().replaceChainSoon();
    }
    return accepted;
  }

  public void markVerified(String peer) {
    requireAccount().pins().markVerified(canonical(peer));
  }

  private CompletableFuture<Void> sendContent(String peer, Content content, Runnable alsoCommit) {
    Account a = requireAccount();
    if (a.sessions().blocked(peer)) {
      return CompletableFuture.failedFuture(new UntrustedIdentityException(peer));
    }
    CompletableFuture<Optional<VerifiedBundle>> bundle =
        a.sessions().canSend(peer)
            ? CompletableFuture.completedFuture(Optional.empty())
            : chat.fetchBundle(peer).thenApply(b -> Optional.of(verify(a, peer, b)));
    return chat.prepare(peer)
        .thenCombine(bundle, (ready, b) -> b)
        .thenComposeAsync(
            b ->
                a.sessions()
                    .locked(
                        peer,
                        () -> {
                          EncryptResult r;
                          try {
                            r = a.sessions().encrypt(peer, content.encode(), b);
                          } catch (InvalidMessageException e) {
                            throw new CompletionException(e);
                          }
                          return chat.sendPrepared(
                              peer,
                              Bytes.concat(new byte[] {PAIRWISE}, r.message()),
                              () -> {
                                a.sessions().save(peer, r.session());
                                alsoCommit.run();
                              });
                        }),
            worker);
  }

  private VerifiedBundle verify(Account a, String peer, ServerFrame.Bundle b) {
    try {
      PublicBundle bundle =
          PublicBundle.parse(
              peer,
              b.identityKey(),
              b.keyBundle(),
              b.oneTimePreKey().map(k -> new OneTimePreKey(k.id(), k.publicKey())));
      return a.sessions().verify(peer, bundle);
    } catch (UntrustedIdentityException e) {
      a.broadcasts().replaceChainSoon();
      listener.onIdentityChanged(peer);
      throw e;
    } catch (InvalidMessageException e) {
      throw new CompletionException(
          new ServerErrorException(
              ErrorCode.BAD_REQUEST, peer + "'s published keys do not verify", Duration.ZERO));
    }
  }

  /**
   * Sends the current chain pairwise to every account that does not have it yet; completes when
   * each is stored by the server or has failed (and is logged).
   */
  private CompletableFuture<Void> distribute(Account a, List<ServerFrame.UserEntry> users) {
    List<CompletableFuture<Void>> stored = new java.util.ArrayList<>();
    var chain = a.broadcasts().currentChain();
    int chainId = chain.chainId();
    for (ServerFrame.UserEntry u : users) {
      String peer = u.username();
      if (peer.equals(a.vault().username())
          || a.broadcasts().distributedTo(peer, chainId)
          || a.sessions().blocked(peer)) {
        continue;
      }
      var distribution = chain.distribution();
      try {
        stored.add(
            sendContent(
                    peer,
                    new Content.Distribution(distribution.serialize()),
                    () -> a.broadcasts().markDistributed(peer, chainId))
                .exceptionally(
                    e -> {
                      // Logged; unless it reached the outbox, the next broadcast tries again.
                      log.info("Could not send the broadcast key to {}: {}", peer, e.getMessage());
                      return null;
                    }));
      } finally {
        Bytes.wipe(distribution.chainKey());
      }
    }
    return CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new));
  }

  private Account unlock(String name, char[] password) {
    ClientState state = chat.openState(name);
    Account current = account;
    if (current != null && current.vault().username().equals(name)) {
      return current;
    }
    try {
      KeyVault vault = KeyVault.unlock(name, password, state, random);
      IdentityPins pins = new IdentityPins(state.db());
      PairwiseSessions sessions = new PairwiseSessions(vault, pins, random, clock);
      BroadcastKeys broadcasts = new BroadcastKeys(vault, random, clock);
      HistoryStore history = new HistoryStore(state.db(), vault.secrets());
      Receiver receiver = new Receiver(state, vault, pins, sessions, broadcasts, history, listener);
      Account a = new Account(state, vault, pins, sessions, broadcasts, history, receiver);
      account = a;
      return a;
    } catch (InvalidMessageException e) {
      throw new CompletionException(
          new ServerErrorException(
              ErrorCode.AUTH_FAILED,
              "wrong password, or this device has no keys for " + name,
              Duration.ZERO));
    }
  }

  /**
   * Rotates the signed prekeys when due and refills one-time prekeys when few are left. One run at
   * a time, and the prekeys change inside one transaction, so a delivery that consumes a prekey
   * cannot interleave with it. Runs after login, after a prekey was used, and every few hours.
   */
  private synchronized void maintainKeys() {
    Account a = account;
    if (a == null) {
      return;
    }
    try {
      record Plan(boolean rotated, List<OneTimePreKey> fresh, byte[] bundle) {}
      Plan plan =
          a.state()
              .db()
              .transaction(
                  () -> {
                    var preKeys = a.vault().preKeys();
                    boolean rotated =
                        preKeys.rotateIfDue(a.vault().identity(), random, clock.instant());
                    List<OneTimePreKey> fresh =
                        preKeys.oneTimePreKeyCount()
                                < dev.securechat.crypto.keys.PreKeys.REFILL_BELOW
                            ? preKeys.generateOneTimePreKeys(
                                dev.securechat.crypto.keys.PreKeys.ONE_TIME_BATCH, random)
                            : List.of();
                    // Saved every time: rotateIfDue also deletes sets past their retention.
                    a.vault().savePreKeys(preKeys);
                    byte[] bundle =
                        PublicBundle.of(a.vault().username(), a.vault().identity(), preKeys, random)
                            .keyBundleBytes();
                    return new Plan(rotated, fresh, bundle);
                  });
      if (plan.rotated() || bundleUnpublished) {
        bundleUnpublished = true;
        chat.updateBundle(plan.bundle()).join();
        bundleUnpublished = false;
      }
      if (!plan.fresh().isEmpty()) {
        chat.uploadPreKeys(toWire(plan.fresh())).join();
      }
    } catch (RuntimeException e) {
      log.warn("Key maintenance failed; trying again later", e);
    }
  }

  static List<PreKey> toWire(List<OneTimePreKey> keys) {
    return keys.stream().map(k -> new PreKey(k.id(), k.publicKey())).toList();
  }

  private Account requireAccount() {
    Account a = account;
    if (a == null) {
      throw new IllegalStateException("log in first");
    }
    return a;
  }

  private static String canonical(String name) {
    return Usernames.normalize(name)
        .orElseThrow(
            () ->
                new ServerErrorException(
                    ErrorCode.USERNAME_INVALID,
                    ErrorCode.USERNAME_INVALID.description(),
                    Duration.ZERO));
  }

  /** Decrypts, verifies, commits and shows one delivery, on the connection's thread. */
  private void receive(IncomingMessage message) {
    Account a = account;
    if (a == null) {
      listener.onUndecryptable(message.stream(), message.from(), message.qseq());
      return;
    }
    boolean consumedPreKey = a.receiver().receive(message);
    if (consumedPreKey) {
      worker.execute(this::maintainKeys);
    }
  }

  @Override
  public void close() {
    maintenance.shutdownNow();
    chat.close();
    worker.close();
    Account a = account;
    if (a != null) {
      a.vault().close();
    }
  }
}
