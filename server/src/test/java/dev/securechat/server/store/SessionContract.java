package dev.securechat.server.store;

import static dev.securechat.server.store.StoreAccess.await;
import static dev.securechat.server.store.StoreAccess.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.server.store.SendOutcome.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Writes carry their session: once an account logs in again, its older session can store, ack or
 * broadcast nothing more. And writers of several nodes share one database without deadlocks.
 */
interface SessionContract extends StoreAccess {

  @Test
  default void refusesEveryWriteFromAReplacedSession() {
    long alice = register("alice");
    long bob = register("bob");
    long aliceOld = accounts().nextSession(alice);
    UUID first = UUID.randomUUID();
    assertThat(
            await(
                writer().direct(alice, aliceOld, "alice", first, 1, "bob", envelope("a", "b", 1))))
        .isEqualTo(new SendOutcome.Stored(first, false));

    long aliceNew = accounts().nextSession(alice);
    UUID stale = UUID.randomUUID();
    assertThat(
            await(
                writer().direct(alice, aliceOld, "alice", stale, 2, "bob", envelope("a", "b", 2))))
        .isEqualTo(new SendOutcome.Rejected(stale, Reason.SESSION_REPLACED, 0));
    assertThat(await(writer().broadcast(alice, aliceOld, "alice", stale, 1, new byte[1])))
        .isEqualTo(new SendOutcome.Rejected(stale, Reason.SESSION_REPLACED, 0));
    assertThat(queue().lastSeq(alice, "bob")).isEqualTo(1);
    assertThat(queue().lastSeq(alice, MessageQueue.BROADCAST)).isZero();
    // The same seq from the current session is the next one: nothing was used up.
    assertThat(
            await(
                writer().direct(alice, aliceNew, "alice", stale, 2, "bob", envelope("a", "b", 2))))
        .isEqualTo(new SendOutcome.Stored(stale, false));

    long bobOld = accounts().nextSession(bob);
    accounts().nextSession(bob);
    assertThat(writer().ackDirect(bob, bobOld, 2))
        .failsWithin(TIMEOUT)
        .withThrowableThat()
        .withCauseInstanceOf(SessionReplacedException.class);
    assertThat(writer().ackBroadcast(bob, bobOld, 1))
        .failsWithin(TIMEOUT)
        .withThrowableThat()
        .withCauseInstanceOf(SessionReplacedException.class);
    assertThat(queue().pending(bob, 0, 10)).extracting(QueuedMessage::qseq).containsExactly(1L, 2L);
  }

  @Test
  default void headsTellSessionsAndQueueNumbers() {
    long alice = register("alice");
    long bob = register("bob");
    long session = accounts().nextSession(bob);
    send(alice, "alice", 1, "bob");
    send(alice, "alice", 2, "bob");
    broadcast(alice, "alice", 1);

    assertThat(queue().heads(List.of(alice, bob, bob + 1000)))
        .containsOnlyKeys(alice, bob)
        .containsEntry(alice, new QueueHead(0, 0))
        .containsEntry(bob, new QueueHead(session, 2));
    assertThat(broadcastLog().head()).isEqualTo(1);
  }

  /**
   * Two writers, as two nodes have, send crosswise to the same recipients in opposite orders, with
   * broadcasts in between, all submitted at once so that their batches overlap. Row locks taken in
   * batch order would deadlock here (PostgreSQL then aborts a batch: STORAGE_UNAVAILABLE); taken in
   * one global order, everything is stored, and every queue is numbered without a gap.
   */
  @Test
  default void twoWritersSendingCrosswiseNeverDeadlock() {
    List<String> recipients = List.of("r1", "r2", "r3", "r4");
    recipients.forEach(this::register);
    long left = register("left");
    long right = register("right");
    int rounds = 150;
    List<CompletableFuture<SendOutcome>> outcomes = new ArrayList<>();
    try (MessageWriter other =
        new MessageWriter(db(), db().settings(), clock(), CommitListener.NONE)) {
      for (int seq = 1; seq <= rounds; seq++) {
        for (int i = 0; i < recipients.size(); i++) {
          String forward = recipients.get(i);
          String backward = recipients.get(recipients.size() - 1 - i);
          outcomes.add(writer().direct(left, "left", UUID.randomUUID(), seq, forward, new byte[8]));
          outcomes.add(other.direct(right, "right", UUID.randomUUID(), seq, backward, new byte[8]));
        }
        outcomes.add(writer().broadcast(left, "left", UUID.randomUUID(), seq, new byte[8]));
        outcomes.add(other.broadcast(right, "right", UUID.randomUUID(), seq, new byte[8]));
      }
      assertThat(outcomes)
          .allSatisfy(f -> assertThat(await(f)).isInstanceOf(SendOutcome.Stored.class));
    }
    for (String r : recipients) {
      long id = accounts().find(r).orElseThrow().id();
      assertThat(queue().pending(id, 0, 1000))
          .extracting(QueuedMessage::qseq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * rounds).boxed().toList());
    }
    assertThat(broadcastLog().head()).isEqualTo(2L * rounds);
  }
}
