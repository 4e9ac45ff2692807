package dev.securechat.bench.crypto;

import dev.securechat.crypto.keys.PreKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the client adds to every decrypt today: {@code PairwiseSessions.decrypt} builds its {@code
 * ResponderContext} from {@code KeyVault.preKeys()}, which returns {@link PreKeys#copy()}, a full
 * serialize and parse of the prekeys (every kept set's private keys, the seen sets, the one-time
 * prekeys), even for a message that carries no initiation and never reads them.
 */
final class PreKeysCopyWorkload implements Workload {
  private final PreKeys preKeys;
  private final int copies;

  PreKeysCopyWorkload(Party owner, int copies) {
    this.preKeys = owner.preKeys;
    this.copies = copies;
  }

  @Override
  public String key() {
    return "prekeys-copy";
  }

  @Override
  public String title() {
    return "Client overhead per decrypt: KeyVault.preKeys() = PreKeys.copy()";
  }

  @Override
  public List<String> phases() {
    return List.of("PreKeys.copy()");
  }

  @Override
  public List<View> views() {
    return List.of(View.of("PreKeys.copy()", "copies/s", 0));
  }

  @Override
  public long opsPerIteration() {
    return copies;
  }

  @Override
  public void iterate(long[] nanos) {
    long t0 = System.nanoTime();
    for (int i = 0; i < copies; i++) {
      if (preKeys.copy().oneTimePreKeyCount() != preKeys.oneTimePreKeyCount()) {
        throw new IllegalStateException("the copy differs");
      }
    }
    nanos[0] += System.nanoTime() - t0;
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("serializedBytes", preKeys.serialize().length);
    facts.put("oneTimePreKeys", preKeys.oneTimePreKeyCount());
    facts.put("sets", preKeys.sets().size());
    return facts;
  }
}
