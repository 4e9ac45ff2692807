package dev.securechat.server.store;

import static dev.securechat.server.store.StoreAccess.await;
import static dev.securechat.server.store.StoreAccess.envelope;
import static dev.securechat.server.store.StoreAccess.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.securechat.server.store.SendOutcome.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Direct messages through the group-commit writer, on any database. */
interface RelayContract extends StoreAccess {

  @Test
  default void storesDirectMessagesInQueueOrder() {
    long alice = register("alice");
    long bob = register("bob");
    UUID first = UUID.randomUUID();

    assertThat(send(alice, "alice", first, 1, "Bob")).isEqualTo(stored(first));
    send(alice, "alice", 2, "bob");
    send(alice, "alice", 3, "bob");

    List<QueuedMessage> pending = queue().pending(bob, 0, 10);
    assertThat(pending).extracting(QueuedMessage::qseq).containsExactly(1L, 2L, 3L);
    QueuedMessage head = pending.getFirst();
    assertThat(head.recipientId()).isEqualTo(bob);
    assertThat(head.recipient()).isEqualTo("bob");
    assertThat(head.id()).isEqualTo(first);
    assertThat(head.sender()).isEqualTo("alice");
    assertThat(head.serverTime()).isEqualTo(clock().instant());
    assertThat(head.envelope()).isEqualTo(envelope("alice", "Bob", 1));
    assertThat(queue().pending(bob, 1, 1)).extracting(QueuedMessage::qseq).containsExactly(2L);
    assertThat(queue().lastSeq(alice, "bob")).isEqualTo(3);
    assertThat(queue().lastSeq(alice, "BOB")).isEqualTo(3);
    assertThat(queue().lastSeq(alice, "")).isZero();
    assertThat(queue().lastSeq(alice, "nobody")).isZero();
    assertThat(queue().lastSeq(bob, "alice")).isZero();
    assertThat(queue().totalPending()).isEqualTo(3);
    // The listener runs after the futures are answered, on the writer thread.
    Awaitility.await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(committedDirects())
                    .extracting(QueuedMessage::qseq)
                    .containsExactly(1L, 2L, 3L));
    assertThat(committedDirects().getFirst()).usingRecursiveComparison().isEqualTo(head);
  }

  @Test
  default void appliesTheSeqRules() {
    long alice = register("alice");
    long bob = register("bob");
    UUID one = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    send(alice, "alice", one, 1, "bob");

    assertThat(send(alice, "alice", one, 1, "bob")).isEqualTo(new SendOutcome.Stored(one, true));
    assertThat(send(alice, "alice", other, 1, "bob"))
        .isEqualTo(new SendOutcome.Rejected(other, Reason.SEQ_CONFLICT, 2));
    assertThat(send(alice, "alice", other, 3, "bob"))
        .isEqualTo(new SendOutcome.Rejected(other, Reason.SEQ_GAP, 2));
    assertThat(send(alice, "alice", other, 2, "bob")).isEqualTo(stored(other));
    assertThat(send(alice, "alice", one, 1, "bob")).isEqualTo(new SendOutcome.Stored(one, true));
    assertThat(send(alice, "alice", other, 1, "nobody"))
        .isEqualTo(new SendOutcome.Rejected(other, Reason.UNKNOWN_RECIPIENT, 0));

    assertThat(queue().pending(bob, 0, 10)).hasSize(2);
    assertThat(committedDirects()).hasSize(2);
    assertThat(writer().committedMessages()).isEqualTo(2);
    assertThatThrownBy(() -> writer().direct(alice, "alice", one, 0, "bob", new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  default void operationsOfOneBatchSeeEachOther() throws Exception {
    long alice = register("alice");
    long bob = register("bob");
    register("carol");
    CountDownLatch inListener = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (MessageWriter held =
        new MessageWriter(
            db(),
            db().settings(),
            clock(),
            (d, b) -> {
              inListener.countDown();
              awaitLatch(release);
            })) {
      var first = held.direct(alice, "alice", UUID.randomUUID(), 1, "bob", new byte[1]);
      assertThat(inListener.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      long batchesBefore = held.committedBatches();
      UUID dup = UUID.randomUUID();
      List<CompletableFuture<SendOutcome>> batch =
          List.of(
              held.direct(alice, "alice", UUID.randomUUID(), 2, "bob", new byte[1]),
              held.direct(alice, "alice", dup, 3, "bob", new byte[1]),
              held.direct(alice, "alice", dup, 3, "bob", new byte[1]),
              held.direct(alice, "alice", UUID.randomUUID(), 1, "carol", new byte[1]),
              held.direct(alice, "alice", UUID.randomUUID(), 2, "carol", new byte[1]));
      var ack = held.ackDirect(bob, 2);
      release.countDown();

      assertThat(await(first)).isInstanceOf(SendOutcome.Stored.class);
      assertThat(batch.stream().map(StoreAccess::await).toList())
          .extracting(o -> ((SendOutcome.Stored) o).duplicate())
          .containsExactly(false, false, true, false, false);
      await(ack);
      assertThat(held.committedBatches()).isEqualTo(batchesBefore + 1);
    }
    assertThat(queue().pending(bob, 0, 10)).extracting(QueuedMessage::qseq).containsExactly(3L);
    assertThat(queue().totalPending()).isEqualTo(3);
  }

  @Test
  default void keepsEachSendersOrderInTheRecipientsQueue() throws Exception {
    long alice = register("alice");
    long carol = register("carol");
    long bob = register("bob");
    List<CompletableFuture<SendOutcome>> sends = new ArrayList<>();
    for (int seq = 1; seq <= 50; seq++) {
      sends.add(
          writer()
              .direct(
                  alice, "alice", UUID.randomUUID(), seq, "bob", envelope("alice", "bob", seq)));
      sends.add(
          writer()
              .direct(
                  carol, "carol", UUID.randomUUID(), seq, "bob", envelope("carol", "bob", seq)));
    }
    sends.forEach(s -> assertThat(await(s)).isInstanceOf(SendOutcome.Stored.class));

    List<QueuedMessage> pending = queue().pending(bob, 0, 1000);

    assertThat(pending).extracting(QueuedMessage::qseq).isSorted().hasSize(100);
    assertThat(pending.getLast().qseq()).isEqualTo(100);
    for (String sender : List.of("alice", "carol")) {
      assertThat(pending)
          .filteredOn(m -> m.sender().equals(sender))
          .extracting(m -> new String(m.envelope(), StandardCharsets.UTF_8))
          .containsExactlyElementsOf(
              IntStream.rangeClosed(1, 50).mapToObj(seq -> sender + ">bob#" + seq).toList());
    }
  }

  @Test
  default void commitsManySendsInFewBatches() throws Exception {
    List<Long> users = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      users.add(register("user" + i));
    }
    List<Callable<List<CompletableFuture<SendOutcome>>>> senders = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      long sender = users.get(i);
      String name = "user" + i;
      String to = "user" + ((i + 1) % users.size());
      senders.add(
          () -> {
            List<CompletableFuture<SendOutcome>> futures = new ArrayList<>();
            for (int seq = 1; seq <= 100; seq++) {
              futures.add(writer().direct(sender, name, UUID.randomUUID(), seq, to, new byte[256]));
            }
            return futures;
          });
    }
    long batchesBefore = writer().committedBatches();

    List<List<CompletableFuture<SendOutcome>>> perSender = AccountsContract.runAll(senders);

    perSender.forEach(
        futures ->
            futures.forEach(f -> assertThat(await(f)).isInstanceOf(SendOutcome.Stored.class)));

    long batches = writer().committedBatches() - batchesBefore;
    assertThat(writer().committedMessages()).isEqualTo(1000);
    assertThat(batches).isPositive().isLessThan(writer().committedMessages());
    assertThat(queue().totalPending()).isEqualTo(1000);
  }

  @Test
  default void answersBusyWhenTheQueueIsFullAndAcceptsAgainAfterAnAck() {
    long alice = register("alice");
    long bob = register("bob");
    try (MessageWriter small =
        new MessageWriter(
            db(), db().settings().withQueueLimits(3, 1 << 20), clock(), CommitListener.NONE)) {
      for (int seq = 1; seq <= 3; seq++) {
        assertThat(await(small.direct(alice, "alice", UUID.randomUUID(), seq, "bob", new byte[10])))
            .isInstanceOf(SendOutcome.Stored.class);
      }
      UUID fourth = UUID.randomUUID();

      assertThat(await(small.direct(alice, "alice", fourth, 4, "bob", new byte[10])))
          .isEqualTo(new SendOutcome.Busy(fourth, Duration.ofSeconds(1)));
      assertThat(queue().lastSeq(alice, "bob")).isEqualTo(3);
      assertThat(queue().totalPending()).isEqualTo(3);

      await(small.ackDirect(bob, 2));
      assertThat(await(small.direct(alice, "alice", fourth, 4, "bob", new byte[10])))
          .isEqualTo(stored(fourth));
    }
    assertThat(queue().pending(bob, 0, 10)).extracting(QueuedMessage::qseq).containsExactly(3L, 4L);
  }

  @Test
  default void boundsTheQueueInBytesToo() {
    long alice = register("alice");
    register("bob");
    try (MessageWriter small =
        new MessageWriter(
            db(), db().settings().withQueueLimits(100, 1000), clock(), CommitListener.NONE)) {
      List<SendOutcome> outcomes = new ArrayList<>();
      for (int seq = 1; seq <= 3; seq++) {
        outcomes.add(
            await(small.direct(alice, "alice", UUID.randomUUID(), seq, "bob", new byte[600])));
      }

      assertThat(outcomes)
          .extracting(o -> o.getClass().getSimpleName())
          .containsExactly("Stored", "Stored", "Busy");
    }
  }

  @Test
  default void cumulativeAckDeletesTheRangeAndNumberingGoesOn() {
    long alice = register("alice");
    long bob = register("bob");
    for (int seq = 1; seq <= 5; seq++) {
      send(alice, "alice", seq, "bob");
    }

    await(writer().ackDirect(bob, 3));
    assertThat(queue().pending(bob, 0, 10)).extracting(QueuedMessage::qseq).containsExactly(4L, 5L);
    assertThat(queue().totalPending()).isEqualTo(2);

    await(writer().ackDirect(bob, 3));
    await(writer().ackDirect(bob, 99));
    await(writer().ackDirect(bob + 1000, 99));
    assertThat(queue().pending(bob, 0, 10)).isEmpty();
    assertThat(queue().totalPending()).isZero();

    send(alice, "alice", 6, "bob");
    assertThat(queue().pending(bob, 0, 10)).extracting(QueuedMessage::qseq).containsExactly(6L);
  }

  @Test
  default void closeFinishesSubmittedWorkAndRefusesNewWork() {
    long alice = register("alice");
    register("bob");
    List<CompletableFuture<SendOutcome>> submitted = new ArrayList<>();
    for (int seq = 1; seq <= 20; seq++) {
      submitted.add(writer().direct(alice, "alice", UUID.randomUUID(), seq, "bob", new byte[1]));
    }

    writer().close();

    assertThat(submitted)
        .allSatisfy(
            f -> assertThat(f).isCompletedWithValueMatching(o -> o instanceof SendOutcome.Stored));
    assertThat(writer().direct(alice, "alice", UUID.randomUUID(), 21, "bob", new byte[1]))
        .failsWithin(Duration.ZERO)
        .withThrowableThat()
        .withCauseInstanceOf(IllegalStateException.class);
    assertThat(writer().ackDirect(alice, 1)).isCompletedExceptionally();
  }

  @Test
  default void aFailingListenerDoesNotStopTheWriter() {
    long alice = register("alice");
    register("bob");
    try (MessageWriter writer =
        new MessageWriter(
            db(),
            db().settings(),
            clock(),
            (d, b) -> {
              throw new IllegalStateException("listener bug");
            })) {
      for (int seq = 1; seq <= 3; seq++) {
        assertThat(await(writer.direct(alice, "alice", UUID.randomUUID(), seq, "bob", new byte[1])))
            .isInstanceOf(SendOutcome.Stored.class);
      }
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("test latch never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
