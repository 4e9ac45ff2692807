package dev.securechat.bench.store;

import dev.securechat.server.store.Accounts;
import dev.securechat.server.store.CreateResult;
import dev.securechat.server.store.NewAccount;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The accounts of a store run: one sender per producer (so that each pair's seqs are submitted in
 * order by a single thread) and the recipients they all write to.
 */
record Population(List<Party> senders, List<String> recipients) {

  /** An account as the writer needs it: its id and its name. */
  record Party(long id, String name) {}

  /**
   * Creates the accounts through the store, as registration would, minus the Argon2 hash: the
   * secret hash is random bytes, since nothing logs in.
   */
  static Population create(Accounts accounts, int senders, int recipients) {
    SecureRandom random = new SecureRandom();
    List<Party> senderParties = new ArrayList<>(senders);
    for (int i = 0; i < senders; i++) {
      String name = "sender-%03d".formatted(i);
      senderParties.add(new Party(create(accounts, name, random), name));
    }
    List<String> recipientNames = new ArrayList<>(recipients);
    for (int i = 0; i < recipients; i++) {
      String name = "rcpt-%06d".formatted(i);
      create(accounts, name, random);
      recipientNames.add(name);
    }
    return new Population(List.copyOf(senderParties), List.copyOf(recipientNames));
  }

  private static long create(Accounts accounts, String name, SecureRandom random) {
    CreateResult result =
        accounts.create(
            new NewAccount(
                name, bytes(random, 32), bytes(random, 32), bytes(random, 64), List.of()));
    if (result instanceof CreateResult.Created created) {
      return created.userId();
    }
    throw new IllegalStateException("creating " + name + " in a fresh store gave " + result);
  }

  private static byte[] bytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
