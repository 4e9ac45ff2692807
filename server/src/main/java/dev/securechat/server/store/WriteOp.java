package dev.securechat.server.store;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One operation waiting for the writer, with the future that answers its caller. Sends and acks
 * carry the session they came from: the writer refuses them if the account has logged in again
 * since ({@code users.session_no} moved on).
 */
sealed interface WriteOp {

  /** A send or an ack, made by one account's session. */
  sealed interface BySession extends WriteOp {
    /** The account that sends or acknowledges. */
    long userId();

    long sessionNo();
  }

  /** A send is answered with a {@link SendOutcome}, even when storage fails. */
  sealed interface Send extends BySession {
    UUID id();

    CompletableFuture<SendOutcome> result();
  }

  /** An ack is answered with nothing, or fails. */
  sealed interface Ack extends BySession {
    CompletableFuture<Void> result();
  }

  record Direct(
      long userId,
      long sessionNo,
      String sender,
      UUID id,
      long seq,
      String recipient,
      byte[] envelope,
      CompletableFuture<SendOutcome> result)
      implements Send {}

  record Broadcast(
      long userId,
      long sessionNo,
      String sender,
      UUID id,
      long seq,
      byte[] envelope,
      CompletableFuture<SendOutcome> result)
      implements Send {}

  record AckDirect(long userId, long sessionNo, long upToQseq, CompletableFuture<Void> result)
      implements Ack {}

  record AckBroadcast(long userId, long sessionNo, long upToBseq, CompletableFuture<Void> result)
      implements Ack {}

  /** Queued last by {@link MessageWriter#close()}; never handed to a batch. */
  record Stop() implements WriteOp {}
}
