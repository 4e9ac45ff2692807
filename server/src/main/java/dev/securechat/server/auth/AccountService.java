package dev.securechat.server.auth;

import dev.securechat.protocol.ClientFrame;
import dev.securechat.protocol.ErrorCode;
import dev.securechat.protocol.Usernames;
import dev.securechat.server.auth.AuthResult.Granted;
import dev.securechat.server.auth.AuthResult.Refused;
import dev.securechat.server.store.Account;
import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.AuditLog;
import dev.securechat.server.store.BroadcastLog;
import dev.securechat.server.store.CatchUp;
import dev.securechat.server.store.CreateResult;
import dev.securechat.server.store.NewAccount;
import dev.securechat.server.store.PreKey;
import dev.securechat.server.store.StorageProblem;
import dev.securechat.server.store.StoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration, login, resume and logout. Every call runs on the auth executor, never on a network
 * event loop: Argon2 is deliberately slow and the store is blocking JDBC.
 */
public final class AccountService {
  private static final Logger log = LoggerFactory.getLogger(AccountService.class);
  static final int MAX_IDENTITY_KEY_BYTES = 2048;
  static final int MAX_KEY_BUNDLE_BYTES = 16 * 1024;
  static final int MAX_PREKEY_BYTES = 2048;
  static final int MAX_PREKEYS = 500;

  /** How soon a client may try again when the store cannot take the login's writes. */
  static final Duration STORAGE_RETRY_AFTER = Duration.ofSeconds(1);

  private final Accounts accounts;
  private final AuditLog audit;
  private final BroadcastLog broadcasts;
  private final Argon2Hasher hasher;
  private final LoginLimiter throttle;
  private final RegistrationLimit registrations;
  private final SecureRandom random;
  private final ExecutorService executor;
  private final byte[] decoyHash;

  public AccountService(
      Accounts accounts,
      AuditLog audit,
      BroadcastLog broadcasts,
      AuthSettings settings,
      Clock clock,
      SecureRandom random,
      ExecutorService executor) {
    this(
        accounts,
        audit,
        broadcasts,
        settings,
        LoginLimiter.inMemory(settings, clock),
        clock,
        random,
        executor);
  }

  /** With failed logins counted by {@code throttle} (shared by a cluster's nodes). */
  public AccountService(
      Accounts accounts,
      AuditLog audit,
      BroadcastLog broadcasts,
      AuthSettings settings,
      LoginLimiter throttle,
      Clock clock,
      SecureRandom random,
      ExecutorService executor) {
    this.accounts = accounts;
    this.audit = audit;
    this.broadcasts = broadcasts;
    this.hasher =
        new Argon2Hasher(
            settings.argon2MemoryKib(),
            settings.argon2Iterations(),
            settings.argon2Parallelism(),
            random);
    this.throttle = throttle;
    this.registrations = new RegistrationLimit(settings.registrationsPerAddressPerHour(), clock);
    this.random = random;
    this.executor = executor;
    // Checked against when the username is unknown, so both failures cost the same time.
    byte[] decoySecret = new byte[32];
    random.nextBytes(decoySecret);
    this.decoyHash = hasher.hash(decoySecret);
  }

  public CompletableFuture<AuthResult> register(ClientFrame.Register r, String address) {
    return CompletableFuture.supplyAsync(
        () -> unlessStorageFails(() -> doRegister(r, address)), executor);
  }

  public CompletableFuture<AuthResult> login(String rawName, byte[] secret, String address) {
    return CompletableFuture.supplyAsync(
        () -> unlessStorageFails(() -> doLogin(rawName, secret, address)), executor);
  }

  public CompletableFuture<AuthResult> resume(String rawName, byte[] token, String address) {
    return CompletableFuture.supplyAsync(
        () -> unlessStorageFails(() -> doResume(rawName, token, address)), executor);
  }

  public CompletableFuture<Void> logout(Account account, String address) {
    return CompletableFuture.runAsync(
        () -> {
          accounts.revokeDeviceToken(account.id());
          audit.record("logout", account.username(), address, "");
        },
        executor);
  }

  /** Publishes a rotated key bundle and records the key change in the audit trail. */
  public CompletableFuture<Void> replaceKeyBundle(
      Account account, byte[] keyBundle, String address) {
    return CompletableFuture.runAsync(
        () -> {
          accounts.replaceKeyBundle(account.id(), keyBundle);
          audit.record("key-change", account.username(), address, "signed prekeys rotated");
        },
        executor);
  }

  /**
   * A login writes (the session number, the audit trail): while the storage fails it is refused
   * with {@code STORAGE_UNAVAILABLE} and a retry delay, which clients retry, instead of an internal
   * error. The store's health has counted the failure; anything else still propagates.
   */
  private static AuthResult unlessStorageFails(Supplier<AuthResult> work) {
    try {
      return work.get();
    } catch (StoreException e) {
      if (!StorageProblem.isStorageFailure(e)) {
        throw e;
      }
      log.debug("Authentication refused: the storage is failing", e);
      return new Refused(
          ErrorCode.STORAGE_UNAVAILABLE,
          "the server cannot write to its storage right now; try again shortly",
          STORAGE_RETRY_AFTER);
    }
  }

  /** Called periodically so that throttle state stays bounded. */
  public void housekeeping() {
    throttle.forgetOld();
    registrations.forgetOld();
  }

  private AuthResult doRegister(ClientFrame.Register r, String address) {
    Optional<String> name = Usernames.normalize(r.username());
    if (name.isEmpty()) {
      return Refused.of(ErrorCode.USERNAME_INVALID);
    }
    if (r.identityKey().length == 0
        || r.identityKey().length > MAX_IDENTITY_KEY_BYTES
        || r.keyBundle().length > MAX_KEY_BUNDLE_BYTES
        || r.oneTimePreKeys().size() > MAX_PREKEYS
        || r.oneTimePreKeys().stream().anyMatch(k -> k.publicKey().length > MAX_PREKEY_BYTES)) {
      return new Refused(
          ErrorCode.BAD_REQUEST, "the key bundle is malformed or too large", Duration.ZERO);
    }
    // Counted before the Argon2id hash, which is what a flood of registrations would cost.
    Optional<Duration> wait = registrations.tryRegister(address);
    if (wait.isPresent()) {
      audit.record("register-refused", name.get(), address, "too many registrations");
      log.info("Refused a registration from {}: too many in the last hour", address);
      return new Refused(
          ErrorCode.TOO_MANY_REQUESTS,
          "too many registrations from this address; try again in " + seconds(wait.get()) + " s",
          wait.get());
    }
    List<PreKey> preKeys =
        r.oneTimePreKeys().stream().map(k -> new PreKey(k.id(), k.publicKey())).toList();
    CreateResult created =
        accounts.create(
            new NewAccount(
                name.get(), hasher.hash(r.loginSecret()), r.identityKey(), r.keyBundle(), preKeys));
    return switch (created) {
      case CreateResult.Created c -> {
        audit.record("register", name.get(), address, "");
        log.info("Registered {} from {}", name.get(), address);
        yield new AuthResult.Registered(name.get());
      }
      case CreateResult.UsernameTaken t -> {
        audit.record("register-refused", name.get(), address, "username taken");
        yield Refused.of(ErrorCode.USERNAME_TAKEN);
      }
      case CreateResult.IdentityKeyTaken t -> {
        audit.record("register-refused", name.get(), address, "identity key taken");
        yield Refused.of(ErrorCode.IDENTITY_KEY_TAKEN);
      }
    };
  }

  private AuthResult doLogin(String rawName, byte[] secret, String address) {
    // Invalid names are throttled and answered like wrong passwords: no hint which part failed.
    String name = Usernames.normalize(rawName).orElse("?" + rawName.length());
    Optional<Refused> locked = lockedOut(name, address);
    if (locked.isPresent()) {
      return locked.get();
    }
    Optional<Account> account = Usernames.normalize(rawName).flatMap(accounts::find);
    boolean ok = hasher.verify(secret, account.map(Account::secretHash).orElse(decoyHash));
    if (!ok || account.isEmpty()) {
      return failed(name, address, "login-failed", ErrorCode.AUTH_FAILED);
    }
    // Checked only after the secret: a lock is not revealed to someone who does not know it.
    if (account.get().locked()) {
      return lockedByAdmin(account.get(), address, "login-refused-locked");
    }
    byte[] token = new byte[32];
    random.nextBytes(token);
    accounts.replaceDeviceToken(account.get().id(), sha256(token));
    return grant(account.get(), token, address, "login", true);
  }

  /**
   * A valid device token logs in even while its username is locked by failed logins: the token is
   * 256 random bits that no one guesses, so the username's lock protects nothing here, and
   * honouring it would let anyone who knows a name cut its owner off by failing logins on purpose.
   * The address's lock still applies, and a success does not clear the username's failures (only
   * the password proves that the one failing was not an attacker).
   */
  private AuthResult doResume(String rawName, byte[] token, String address) {
    String name = Usernames.normalize(rawName).orElse("?" + rawName.length());
    Optional<Refused> locked = lockedOut(address);
    if (locked.isPresent()) {
      return locked.get();
    }
    Optional<Account> account = Usernames.normalize(rawName).flatMap(accounts::find);
    Optional<byte[]> stored = account.flatMap(a -> accounts.deviceTokenHash(a.id()));
    if (stored.isEmpty() || !MessageDigest.isEqual(stored.get(), sha256(token))) {
      Optional<Refused> userLocked = lockedOut(name, address);
      return userLocked.isPresent()
          ? userLocked.get()
          : failed(name, address, "resume-failed", ErrorCode.TOKEN_INVALID);
    }
    if (account.get().locked()) {
      return lockedByAdmin(account.get(), address, "resume-refused-locked");
    }
    return grant(account.get(), new byte[0], address, "resume", false);
  }

  private Optional<Refused> lockedOut(String address) {
    return refusal(throttle.lockedFor(address));
  }

  private Optional<Refused> lockedOut(String name, String address) {
    return refusal(throttle.lockedFor(name, address));
  }

  private static Optional<Refused> refusal(Optional<Duration> lockout) {
    return lockout.map(
        wait ->
            new Refused(
                ErrorCode.LOCKED_OUT,
                "too many failed logins; try again in " + seconds(wait) + " s",
                wait));
  }

  private Refused lockedByAdmin(Account account, String address, String event) {
    audit.record(event, account.username(), address, "");
    return new Refused(
        ErrorCode.LOCKED_OUT, "this account is locked by the server administrator", Duration.ZERO);
  }

  private Refused failed(String name, String address, String event, ErrorCode code) {
    audit.record(event, name, address, "");
    Optional<Duration> lockout = throttle.recordFailure(name, address);
    lockout.ifPresent(
        d -> {
          audit.record("lockout", name, address, seconds(d) + " s");
          log.info("Locked out {} / {} for {} s", name, address, seconds(d));
        });
    return Refused.of(code);
  }

  private Granted grant(
      Account account, byte[] token, String address, String event, boolean byPassword) {
    if (byPassword) {
      throttle.recordSuccess(account.username());
    }
    long session = accounts.nextSession(account.id());
    CatchUp catchUp = broadcasts.catchUp(account.id());
    audit.record(event, account.username(), address, "session " + session);
    return new Granted(account, token, session, catchUp.cursor(), catchUp.missed());
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
