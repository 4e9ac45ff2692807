package dev.securechat.server.store;

import static dev.securechat.server.store.StoreAccess.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Accounts, device tokens, prekeys and the audit trail, on any database. */
interface AccountsContract extends StoreAccess {

  @Test
  default void createsAndFindsAnAccount() {
    var account =
        new NewAccount(
            "Alice",
            bytes("hash"),
            bytes("identity"),
            bytes("bundle"),
            List.of(new PreKey(1, bytes("k1"))));

    CreateResult result = accounts().create(account);

    assertThat(result).isInstanceOf(CreateResult.Created.class);
    long id = ((CreateResult.Created) result).userId();
    Account found = accounts().find("ALICE").orElseThrow();
    assertThat(found.id()).isEqualTo(id);
    assertThat(found.username()).isEqualTo("alice");
    assertThat(found.secretHash()).isEqualTo(bytes("hash"));
    assertThat(found.sessionNo()).isZero();
    assertThat(found.createdAt()).isEqualTo(clock().instant());
    assertThat(accounts().find("bob")).isEmpty();
    assertThat(accounts().count()).isEqualTo(1);
    assertThat(preKeys().remaining(id)).isEqualTo(1);
  }

  @Test
  default void refusesATakenUsernameWhateverItsCase() {
    register("alice");

    var again = new NewAccount("ALICE", bytes("h"), bytes("other-identity"), bytes("b"), List.of());

    assertThat(accounts().create(again)).isEqualTo(new CreateResult.UsernameTaken());
    assertThat(accounts().count()).isEqualTo(1);
  }

  @Test
  default void refusesATakenIdentityKey() {
    register("alice");

    var copycat =
        new NewAccount("mallory", bytes("h"), bytes("identity-alice"), bytes("b"), List.of());

    assertThat(accounts().create(copycat)).isEqualTo(new CreateResult.IdentityKeyTaken());
    assertThat(accounts().find("mallory")).isEmpty();
  }

  @Test
  default void concurrentRegistrationsOfOneNameCreateOneAccount() throws Exception {
    List<Callable<CreateResult>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      var account =
          new NewAccount("carol", bytes("h"), bytes("identity-" + i), bytes("b"), List.of());
      attempts.add(() -> accounts().create(account));
    }

    List<CreateResult> results = runAll(attempts);

    assertThat(results).filteredOn(r -> r instanceof CreateResult.Created).hasSize(1);
    assertThat(results).filteredOn(r -> r instanceof CreateResult.UsernameTaken).hasSize(7);
    assertThat(accounts().count()).isEqualTo(1);
  }

  @Test
  default void sessionNumbersCountUp() {
    long id = register("alice");

    assertThat(accounts().nextSession(id)).isEqualTo(1);
    assertThat(accounts().nextSession(id)).isEqualTo(2);
    assertThat(accounts().find("alice").orElseThrow().sessionNo()).isEqualTo(2);
    assertThatThrownBy(() -> accounts().nextSession(id + 1000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  default void deviceTokenIsReplacedAndRevoked() {
    long id = register("alice");
    assertThat(accounts().deviceTokenHash(id)).isEmpty();

    accounts().replaceDeviceToken(id, bytes("first"));
    accounts().replaceDeviceToken(id, bytes("second"));
    assertThat(accounts().deviceTokenHash(id))
        .hasValueSatisfying(h -> assertThat(h).isEqualTo(bytes("second")));

    accounts().revokeDeviceToken(id);
    assertThat(accounts().deviceTokenHash(id)).isEmpty();
  }

  @Test
  default void locksAndUnlocksAnAccount() {
    long id = register("alice");
    register("bob");
    accounts().replaceDeviceToken(id, bytes("token"));
    assertThat(accounts().find("alice").orElseThrow().locked()).isFalse();

    assertThat(accounts().setLocked("ALICE", true)).isTrue();
    assertThat(accounts().find("alice").orElseThrow().locked()).isTrue();
    assertThat(accounts().find("bob").orElseThrow().locked()).isFalse();
    assertThat(accounts().lockedUsernames()).containsExactly("alice");
    // The token stays, so that a resume is refused as locked rather than as a bad token.
    assertThat(accounts().deviceTokenHash(id)).isPresent();

    assertThat(accounts().setLocked("alice", false)).isTrue();
    assertThat(accounts().find("alice").orElseThrow().locked()).isFalse();
    assertThat(accounts().lockedUsernames()).isEmpty();
    assertThat(accounts().setLocked("nobody", true)).isFalse();
  }

  @Test
  default void listsUsernamesInCodePointOrder() {
    for (String name : List.of("zed", "bob", "a_c", "a.b", "a-z", "alice")) {
      register(name);
    }

    assertThat(accounts().usernames()).containsExactly("a-z", "a.b", "a_c", "alice", "bob", "zed");
    assertThat(accounts().count()).isEqualTo(6);
  }

  @Test
  default void handsOutEachPreKeyOnce() {
    long id = register("alice");
    preKeys().add(id, List.of(new PreKey(1, bytes("k1")), new PreKey(2, bytes("k2"))));
    preKeys().add(id, List.of(new PreKey(2, bytes("replaced?")), new PreKey(3, bytes("k3"))));
    assertThat(preKeys().remaining(id)).isEqualTo(3);

    List<PreKey> handedOut = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PublicBundle bundle = preKeys().fetch(100 + i, "Alice").orElseThrow();
      assertThat(bundle.username()).isEqualTo("alice");
      assertThat(bundle.identityKey()).isEqualTo(bytes("identity-alice"));
      assertThat(bundle.keyBundle()).isEqualTo(bytes("bundle-alice"));
      handedOut.add(bundle.oneTimePreKey().orElseThrow());
    }

    assertThat(handedOut).extracting(PreKey::id).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(handedOut)
        .filteredOn(k -> k.id() == 2)
        .singleElement()
        .satisfies(k -> assertThat(k.publicKey()).isEqualTo(bytes("k2")));
    assertThat(preKeys().remaining(id)).isZero();
    assertThat(preKeys().fetch(200, "alice").orElseThrow().oneTimePreKey()).isEmpty();
    assertThat(preKeys().fetch(200, "nobody")).isEmpty();
  }

  @Test
  default void rationsOneTimePreKeysPerRequesterAndDay() {
    long alice = register("alice");
    List<PreKey> keys = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      keys.add(new PreKey(i, bytes("k" + i)));
    }
    preKeys().add(alice, keys);

    List<Boolean> drainer = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      drainer.add(preKeys().fetch(7, "alice").orElseThrow().oneTimePreKey().isPresent());
    }
    assertThat(drainer).containsExactly(true, true, true, false, false);
    assertThat(preKeys().fetch(8, "alice").orElseThrow().oneTimePreKey()).isPresent();
    assertThat(preKeys().remaining(alice)).isEqualTo(6);

    clock().advance(Duration.ofHours(23));
    assertThat(preKeys().fetch(7, "alice").orElseThrow().oneTimePreKey()).isEmpty();
    assertThat(preKeys().pruneGrants()).isZero();
    clock().advance(Duration.ofHours(1));
    // At least this test's four (a shared test database may hold other tests' grants too).
    assertThat(preKeys().pruneGrants()).isGreaterThanOrEqualTo(4);
    assertThat(preKeys().pruneGrants()).isZero();
    assertThat(preKeys().fetch(7, "alice").orElseThrow().oneTimePreKey()).isPresent();
  }

  @Test
  default void concurrentFetchesNeverShareAPreKey() throws Exception {
    long id = register("alice");
    List<PreKey> keys = new ArrayList<>();
    for (int i = 1; i <= 160; i++) {
      keys.add(new PreKey(i, bytes("k" + i)));
    }
    preKeys().add(id, keys);
    List<Callable<List<Optional<PreKey>>>> fetchers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      long firstRequester = 1000L * (t + 1);
      fetchers.add(
          () -> {
            List<Optional<PreKey>> got = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
              got.add(preKeys().fetch(firstRequester + i, "alice").orElseThrow().oneTimePreKey());
            }
            return got;
          });
    }

    List<Integer> ids = new ArrayList<>();
    for (List<Optional<PreKey>> got : runAll(fetchers)) {
      got.forEach(key -> key.ifPresent(k -> ids.add(k.id())));
    }

    assertThat(ids).hasSize(160).doesNotHaveDuplicates();
    assertThat(new HashSet<>(ids)).isEqualTo(Set.copyOf(keys.stream().map(PreKey::id).toList()));
    assertThat(preKeys().remaining(id)).isZero();
  }

  @Test
  default void pagesTheAuditTrailNewestFirst() {
    Instant start = clock().instant();
    for (int i = 0; i < 5; i++) {
      audit().record(i % 2 == 0 ? "login.failed" : "login", "alice", "127.0.0.1", "n" + i);
      clock().advance(Duration.ofMinutes(1));
    }

    List<AuditEvent> first = audit().newestFirst(0, 2);
    List<AuditEvent> second = audit().newestFirst(2, 2);

    assertThat(first).extracting(AuditEvent::detail).containsExactly("n4", "n3");
    assertThat(second).extracting(AuditEvent::detail).containsExactly("n2", "n1");
    assertThat(audit().newestFirst(4, 10)).extracting(AuditEvent::detail).containsExactly("n0");
    assertThat(first.getFirst())
        .isEqualTo(
            new AuditEvent(
                first.getFirst().id(),
                start.plus(Duration.ofMinutes(4)),
                "login.failed",
                "alice",
                "127.0.0.1",
                "n4"));
    assertThat(audit().countSince("login.failed", start)).isEqualTo(3);
    assertThat(audit().countSince("login.failed", start.plus(Duration.ofMinutes(2)))).isEqualTo(2);
    assertThat(audit().countSince("login", start)).isEqualTo(2);
  }

  @Test
  default void auditAcceptsMissingFields() {
    audit().record("server.start", null, null, null);

    assertThat(audit().newestFirst(0, 1))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event()).isEqualTo("server.start");
              assertThat(e.username()).isNull();
            });
  }

  /** Runs every task on its own thread at once and returns their results in order. */
  static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
      List<Future<T>> futures = pool.invokeAll(tasks);
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    }
  }
}
