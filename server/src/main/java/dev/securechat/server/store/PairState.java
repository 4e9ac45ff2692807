package dev.securechat.server.store;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The last seq accepted for one (sender, recipient) pair and the id it carried, as the current
 * batch sees it.
 *
 * @param stored whether a {@code pair_seq} row exists (update) or not yet (insert)
 * @param dirty whether this batch changed it
 */
record PairState(long lastSeq, byte[] lastId, boolean stored, boolean dirty) {

  static final PairState NONE = new PairState(0, null, false, false);

  /**
   * Applies the seq rules. Empty means {@code seq} is the next one and must be appended; otherwise
   * the answer to give without storing anything.
   */
  Optional<SendOutcome> check(UUID id, long seq) {
    if (seq == lastSeq + 1) {
      return Optional.empty();
    }
    if (seq < lastSeq) {
      return Optional.of(new SendOutcome.Stored(id, true));
    }
    if (seq == lastSeq && lastId != null && Arrays.equals(lastId, Uuids.toBytes(id))) {
      return Optional.of(new SendOutcome.Stored(id, true));
    }
    SendOutcome.Reason reason =
        seq == lastSeq ? SendOutcome.Reason.SEQ_CONFLICT : SendOutcome.Reason.SEQ_GAP;
    return Optional.of(new SendOutcome.Rejected(id, reason, lastSeq + 1));
  }

  PairState advance(byte[] id) {
    return new PairState(lastSeq + 1, id, stored, true);
  }
}
