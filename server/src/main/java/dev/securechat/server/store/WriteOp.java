package dev.securechat.server.store;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** One operation waiting for the writer, with the future that answers its caller. */
sealed interface WriteOp {

  /** A send is answered with a {@link SendOutcome}, even when storage fails. */
  sealed interface Send extends WriteOp {
    UUID id();

    CompletableFuture<SendOutcome> result();
  }

  /** An ack is answered with nothing, or fails. */
  sealed interface Ack extends WriteOp {
    CompletableFuture<Void> result();
  }

  record Direct(
      long senderId,
      String sender,
      UUID id,
      long seq,
      String recipient,
      byte[] envelope,
      CompletableFuture<SendOutcome> result)
      implements Send {}

  record Broadcast(
      long senderId,
      String sender,
      UUID id,
      long seq,
      byte[] envelope,
      CompletableFuture<SendOutcome> result)
      implements Send {}

  record AckDirect(long userId, long upToQseq, CompletableFuture<Void> result) implements Ack {}

  record AckBroadcast(long userId, long upToBseq, CompletableFuture<Void> result) implements Ack {}

  /** Queued last by {@link MessageWriter#close()}; never handed to a batch. */
  record Stop() implements WriteOp {}
}
