package dev.securechat.crypto.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityPinTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  @Test
  void firstUseThenMatchThenChangeThenAccept() {
    byte[] key = {1, 2, 3};
    byte[] other = {1, 2, 4};
    assertThat(IdentityPin.check(Optional.empty(), key)).isEqualTo(IdentityPin.Verdict.FIRST_USE);

    IdentityPin pin = IdentityPin.firstUse("bob", key, T0);
    assertThat(IdentityPin.check(Optional.of(pin), key)).isEqualTo(IdentityPin.Verdict.MATCHES);
    assertThat(pin.check(other)).isEqualTo(IdentityPin.Verdict.CHANGED);
    assertThat(pin.check(new byte[] {1, 2, 3, 0})).isEqualTo(IdentityPin.Verdict.CHANGED);

    IdentityPin accepted = pin.accept(other, T0.plusSeconds(60));
    assertThat(accepted.check(other)).isEqualTo(IdentityPin.Verdict.MATCHES);
    assertThat(accepted.check(key)).isEqualTo(IdentityPin.Verdict.CHANGED);
    assertThat(accepted.pinnedAt()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void thePinKeepsItsOwnCopyOfTheKey() {
    byte[] key = {1, 2, 3};
    IdentityPin pin = IdentityPin.firstUse("bob", key, T0);
    key[0] = 9;
    pin.identityKey()[1] = 9;
    assertThat(pin.check(new byte[] {1, 2, 3})).isEqualTo(IdentityPin.Verdict.MATCHES);
    assertThat(pin).isEqualTo(IdentityPin.firstUse("bob", new byte[] {1, 2, 3}, T0));
  }
}
