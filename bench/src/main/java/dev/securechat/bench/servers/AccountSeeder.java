package dev.securechat.bench.servers;

import dev.securechat.bench.load.Account;
import dev.securechat.bench.load.Registration;
import dev.securechat.server.config.ServerConfig;
import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.CreateResult;
import dev.securechat.server.store.Database;
import dev.securechat.server.store.NewAccount;
import dev.securechat.server.store.StoreSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * Creates a run's accounts in the server's database before the server starts, with the server's own
 * store classes (the same rows registration writes), and gives each a device token, so that clients
 * log in with {@code Resume}: thousands of registrations over the protocol would cost thousands of
 * Argon2 runs that the load scenarios do not measure. The secret hash is random bytes: nobody logs
 * in with a password.
 */
final class AccountSeeder {
  private AccountSeeder() {}

  static void seed(ServerConfig config, List<Account> accounts, Clock clock) {
    var s = config.storage();
    // Setting up is not measured: no fsync per account. The server reopens with its own mode.
    StoreSettings settings =
        new StoreSettings(
            s.url(),
            s.user(),
            s.password().reveal(),
            "NORMAL",
            1,
            s.queueMaxMessages(),
            s.queueMaxBytes(),
            java.time.Duration.ofDays(s.broadcastRetentionDays()));
    SecureRandom random = new SecureRandom();
    try (Database db = Database.open(settings)) {
      Accounts store = new Accounts(db, clock);
      for (Account account : accounts) {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        CreateResult result =
            store.create(
                new NewAccount(
                    account.username(),
                    hash,
                    Registration.identityKey(account),
                    Registration.keyBundle(),
                    List.of()));
        if (!(result instanceof CreateResult.Created created)) {
          throw new IllegalStateException(
              "seeding " + account.username() + " in a fresh store gave " + result);
        }
        store.replaceDeviceToken(created.userId(), Registration.sha256(account.deviceToken()));
      }
    }
  }
}
