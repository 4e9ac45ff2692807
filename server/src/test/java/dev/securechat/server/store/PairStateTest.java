package dev.securechat.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securechat.server.store.SendOutcome.Reason;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PairStateTest {

  private final UUID last = UUID.randomUUID();
  private final UUID other = UUID.randomUUID();
  private final PairState pair = new PairState(5, Uuids.toBytes(last), true, false);

  @Test
  void acceptsTheNextSeq() {
    assertThat(pair.check(other, 6)).isEmpty();
    assertThat(PairState.NONE.check(other, 1)).isEmpty();
  }

  @Test
  void answersAnOldSeqAsADuplicate() {
    assertThat(pair.check(other, 4)).contains(new SendOutcome.Stored(other, true));
    assertThat(pair.check(last, 5)).contains(new SendOutcome.Stored(last, true));
  }

  @Test
  void refusesTheLastSeqWithAnotherIdAndAGap() {
    assertThat(pair.check(other, 5))
        .contains(new SendOutcome.Rejected(other, Reason.SEQ_CONFLICT, 6));
    assertThat(pair.check(other, 7)).contains(new SendOutcome.Rejected(other, Reason.SEQ_GAP, 6));
    assertThat(PairState.NONE.check(other, 2))
        .contains(new SendOutcome.Rejected(other, Reason.SEQ_GAP, 1));
  }
}
