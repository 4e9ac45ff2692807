package dev.securechat.server.store;

import java.time.Duration;
import java.util.UUID;

/** The writer's answer to a send, given only after the batch holding it is durable. */
public sealed interface SendOutcome {

  UUID id();

  /** Durable; {@code duplicate} when this seq had been stored before. */
  record Stored(UUID id, boolean duplicate) implements SendOutcome {}

  /** The recipient's queue is full; nothing was stored, the sender retries the same seq. */
  record Busy(UUID id, Duration retryAfter) implements SendOutcome {}

  /**
   * Not stored. {@code expectedSeq} is the seq the server would accept next for a sequence error, 0
   * otherwise.
   */
  record Rejected(UUID id, Reason reason, long expectedSeq) implements SendOutcome {}

  /**
   * Not stored: the storage failed (full, read-only, locked or failing disk, unreachable database).
   * The sender keeps the message and sends it again, not before {@code retryAfter}.
   */
  record Unavailable(UUID id, Duration retryAfter) implements SendOutcome {}

  enum Reason {
    /** Permanent: no such account. */
    UNKNOWN_RECIPIENT,
    /** The seq skips ahead; resend from {@code expectedSeq}. */
    SEQ_GAP,
    /** The seq was used for a different message id. */
    SEQ_CONFLICT,
    /**
     * The account logged in again since the session that sent this one: that session is stale and
     * may write nothing more. The message stays in the client's outbox.
     */
    SESSION_REPLACED
  }
}
