package dev.securechat.server.store;

import static dev.securechat.server.store.StoreAccess.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The broadcast log, cursors, catch-up and pruning, on any database. */
interface BroadcastContract extends StoreAccess {

  @Test
  default void storesABroadcastOnceForEveryoneButItsSender() {
    long alice = register("alice");
    long bob = register("bob");
    long carol = register("carol");
    UUID second = UUID.randomUUID();

    broadcast(alice, "alice", 1);
    assertThat(await(writer().broadcast(alice, "alice", second, 2, new byte[] {7})))
        .isEqualTo(new SendOutcome.Stored(second, false));
    assertThat(await(writer().broadcast(alice, "alice", second, 2, new byte[] {7})))
        .isEqualTo(new SendOutcome.Stored(second, true));
    assertThat(broadcast(alice, "alice", 4))
        .isInstanceOfSatisfying(
            SendOutcome.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(SendOutcome.Reason.SEQ_GAP));

    for (long reader : new long[] {bob, carol}) {
      assertThat(broadcastLog().after(reader, 0, 10))
          .extracting(BroadcastMessage::bseq, BroadcastMessage::sender)
          .containsExactly(tuple(1L, "alice"), tuple(2L, "alice"));
    }
    BroadcastMessage last = broadcastLog().after(bob, 1, 10).getFirst();
    assertThat(last.id()).isEqualTo(second);
    assertThat(last.envelope()).containsExactly(7);
    assertThat(last.serverTime()).isEqualTo(clock().instant());
    assertThat(broadcastLog().after(alice, 0, 10)).isEmpty();
    assertThat(queue().lastSeq(alice, MessageQueue.BROADCAST)).isEqualTo(2);
    assertThat(queue().lastSeq(alice, "bob")).isZero();
    assertThat(committedBroadcasts()).extracting(BroadcastMessage::bseq).containsExactly(1L, 2L);
    assertThat(writer().committedMessages()).isEqualTo(2);
    assertThat(queue().totalPending()).isZero();
  }

  @Test
  default void aNewAccountStartsAtTheHead() {
    long alice = register("alice");
    broadcast(alice, "alice", 1);
    broadcast(alice, "alice", 2);

    long dave = register("dave");

    assertThat(broadcastLog().catchUp(dave)).isEqualTo(new CatchUp(2, 0));
    broadcast(alice, "alice", 3);
    assertThat(broadcastLog().after(dave, 2, 10))
        .extracting(BroadcastMessage::bseq)
        .containsExactly(3L);
  }

  @Test
  default void ackMovesTheCursorForwardOnlyAndNotPastTheHead() {
    long alice = register("alice");
    long bob = register("bob");
    for (int seq = 1; seq <= 3; seq++) {
      broadcast(alice, "alice", seq);
    }

    await(writer().ackBroadcast(bob, 2));
    assertThat(broadcastLog().catchUp(bob).cursor()).isEqualTo(2);
    await(writer().ackBroadcast(bob, 1));
    assertThat(broadcastLog().catchUp(bob).cursor()).isEqualTo(2);
    await(writer().ackBroadcast(bob, 99));
    assertThat(broadcastLog().catchUp(bob).cursor()).isEqualTo(3);
  }

  @Test
  default void catchUpReportsWhatPruningTook() {
    long alice = register("alice");
    long bob = register("bob");
    Instant start = clock().instant();
    for (int seq = 1; seq <= 5; seq++) {
      broadcast(alice, "alice", seq);
      clock().advance(Duration.ofHours(1));
    }

    assertThat(broadcastLog().prune(start.plus(Duration.ofHours(3)))).isEqualTo(3);

    assertThat(broadcastLog().catchUp(bob)).isEqualTo(new CatchUp(3, 3));
    assertThat(broadcastLog().catchUp(bob)).isEqualTo(new CatchUp(3, 0));
    assertThat(broadcastLog().after(bob, 3, 10))
        .extracting(BroadcastMessage::bseq)
        .containsExactly(4L, 5L);

    clock().advance(db().settings().broadcastRetention());
    assertThat(broadcastLog().pruneExpired()).isEqualTo(2);
    assertThat(broadcastLog().catchUp(bob)).isEqualTo(new CatchUp(5, 2));
  }
}
