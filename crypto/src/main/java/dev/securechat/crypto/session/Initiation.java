package dev.securechat.crypto.session;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.keys.ByteReader;
import dev.securechat.crypto.keys.IdentityKeys;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.Hashes;
import dev.securechat.crypto.primitives.MlKem768;
import dev.securechat.crypto.primitives.Rsa;
import dev.securechat.crypto.primitives.X25519;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * The initiation fields Alice attaches to her messages until she has decrypted one from Bob: the
 * parts of T that Bob cannot rebuild from his own keys, plus SIG_A (crypto.md "Session setup").
 * Wire form: {@code lp(user_A) || IK_A (294) || SPK_id || KPK_id || RPK_id || (0x00 | 0x01 ||
 * OPK_id) || EK_A (32) || CT_KEM (1088) || CT_RSA (256) || SIG_A (256)}.
 */
public record Initiation(
    String initiator,
    byte[] identityKey,
    int signedPreKeyId,
    int kemPreKeyId,
    int rsaPreKeyId,
    OptionalInt oneTimePreKeyId,
    byte[] ephemeralKey,
    byte[] kemCiphertext,
    byte[] rsaCiphertext,
    byte[] signature) {

  /** The same initiation carrying {@code sig} (SIG_A is computed over the unsigned fields). */
  Initiation withSignature(byte[] sig) {
    return new Initiation(
        initiator,
        identityKey,
        signedPreKeyId,
        kemPreKeyId,
        rsaPreKeyId,
        oneTimePreKeyId,
        ephemeralKey,
        kemCiphertext,
        rsaCiphertext,
        sig);
  }

  public byte[] encode() {
    Bytes out =
        Bytes.start()
            .lp(initiator.getBytes(StandardCharsets.UTF_8))
            .raw(identityKey)
            .u32(Integer.toUnsignedLong(signedPreKeyId))
            .u32(Integer.toUnsignedLong(kemPreKeyId))
            .u32(Integer.toUnsignedLong(rsaPreKeyId));
    if (oneTimePreKeyId.isPresent()) {
      out.u8(1).u32(Integer.toUnsignedLong(oneTimePreKeyId.getAsInt()));
    } else {
      out.u8(0);
    }
    return out.raw(ephemeralKey).raw(kemCiphertext).raw(rsaCiphertext).raw(signature).build();
  }

  static Initiation read(ByteReader r) throws InvalidMessageException {
    String initiator = r.lpUtf8();
    byte[] identityKey = r.fixed(Rsa.PUBLIC_KEY_BYTES);
    int spkId = r.id();
    int kpkId = r.id();
    int rpkId = r.id();
    OptionalInt opkId = r.flag() ? OptionalInt.of(r.id()) : OptionalInt.empty();
    byte[] ek = r.fixed(X25519.KEY_BYTES);
    if ((ek[31] & 0x80) != 0) {
      throw r.fail();
    }
    return new Initiation(
        initiator,
        identityKey,
        spkId,
        kpkId,
        rpkId,
        opkId,
        ek,
        r.fixed(MlKem768.CIPHERTEXT_BYTES),
        r.fixed(IdentityKeys.SIGNATURE_BYTES),
        r.fixed(IdentityKeys.SIGNATURE_BYTES));
  }

  /** {@code SHA-256(EK_A)}: what the responder's per-SPK seen set holds. */
  public byte[] ephemeralKeyHash() {
    return Hashes.sha256(ephemeralKey);
  }

  @Override
  public String toString() {
    return "Initiation[from " + initiator + "]";
  }
}
