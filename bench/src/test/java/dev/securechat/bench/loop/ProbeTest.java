package dev.securechat.bench.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProbeTest {
  @Test
  void roundTripsInAnEnvelopeOfTheChosenSize() {
    byte[] envelope = new Probe(123_456_789_012L, 42).encode(256);
    assertThat(envelope).hasSize(256);
    assertThat(Probe.decode(envelope)).isEqualTo(new Probe(123_456_789_012L, 42));
  }

  @Test
  void theSendTimeIsTheFirstEightBytes() {
    byte[] envelope = new Probe(0x0102030405060708L, 0).encode(Probe.BYTES);
    assertThat(envelope).startsWith(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void anEnvelopeTooSmallForAProbeIsRefused() {
    assertThatThrownBy(() -> new Probe(1, 1).encode(Probe.BYTES - 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Probe.decode(new byte[Probe.BYTES - 1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
