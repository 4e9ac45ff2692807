package dev.securechat.crypto.keys;

import dev.securechat.crypto.InvalidMessageException;
import dev.securechat.crypto.primitives.Bytes;
import dev.securechat.crypto.primitives.MlKem768;
import dev.securechat.crypto.primitives.Rsa;
import dev.securechat.crypto.primitives.X25519;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * One generation of the prekeys that rotate together (crypto.md): the signed prekey SPK (X25519),
 * the KEM prekey KPK (ML-KEM-768) and the RSA prekey RPK, with IK's signatures. The three share one
 * id and one creation time; the wire still carries three ids, as T does.
 */
public record PreKeySet(
    int id,
    long createdEpochSecond,
    X25519.KeyPair signedPreKey,
    byte[] signedPreKeySignature,
    MlKem768.KeyPair kemPreKey,
    byte[] kemPreKeySignature,
    Rsa.KeyPair rsaPreKey,
    byte[] rsaPreKeySignature) {

  static PreKeySet generate(int id, IdentityKeys identity, SecureRandom random, Instant now) {
    long created = now.getEpochSecond();
    X25519.KeyPair spk = X25519.generate(random);
    MlKem768.KeyPair kpk = MlKem768.generate(random);
    Rsa.KeyPair rpk = Rsa.generate(random);
    return new PreKeySet(
        id,
        created,
        spk,
        identity.sign(PreKeyKind.SIGNED.signedBytes(id, created, spk.publicKey()), random),
        kpk,
        identity.sign(PreKeyKind.KEM.signedBytes(id, created, kpk.publicKey()), random),
        rpk,
        identity.sign(PreKeyKind.RSA.signedBytes(id, created, rpk.publicKey()), random));
  }

  public SignedPreKey publicSignedPreKey() {
    return new SignedPreKey(
        id, createdEpochSecond, signedPreKey.publicKey().clone(), signedPreKeySignature.clone());
  }

  public SignedPreKey publicKemPreKey() {
    return new SignedPreKey(
        id, createdEpochSecond, kemPreKey.publicKey().clone(), kemPreKeySignature.clone());
  }

  public SignedPreKey publicRsaPreKey() {
    return new SignedPreKey(
        id, createdEpochSecond, rsaPreKey.publicKey().clone(), rsaPreKeySignature.clone());
  }

  void write(Bytes out) {
    out.u32(Integer.toUnsignedLong(id)).u64(createdEpochSecond);
    out.raw(signedPreKey.publicKey()).raw(signedPreKey.privateKey()).raw(signedPreKeySignature);
    out.raw(kemPreKey.publicKey()).lp2(kemPreKey.privateKey()).raw(kemPreKeySignature);
    out.raw(rsaPreKey.publicKey()).lp2(rsaPreKey.privateKey()).raw(rsaPreKeySignature);
  }

  static PreKeySet read(ByteReader r) throws InvalidMessageException {
    int id = r.id();
    long created = r.u63();
    X25519.KeyPair spk = new X25519.KeyPair(r.fixed(X25519.KEY_BYTES), r.fixed(X25519.KEY_BYTES));
    byte[] spkSig = r.fixed(IdentityKeys.SIGNATURE_BYTES);
    MlKem768.KeyPair kpk = new MlKem768.KeyPair(r.fixed(MlKem768.PUBLIC_KEY_BYTES), r.lp2());
    byte[] kpkSig = r.fixed(IdentityKeys.SIGNATURE_BYTES);
    Rsa.KeyPair rpk = new Rsa.KeyPair(r.fixed(Rsa.PUBLIC_KEY_BYTES), r.lp2());
    byte[] rpkSig = r.fixed(IdentityKeys.SIGNATURE_BYTES);
    return new PreKeySet(id, created, spk, spkSig, kpk, kpkSig, rpk, rpkSig);
  }

  /** Overwrites the private keys of a set that is deleted. */
  void wipe() {
    Bytes.wipe(signedPreKey.privateKey(), kemPreKey.privateKey(), rsaPreKey.privateKey());
  }

  @Override
  public String toString() {
    return "PreKeySet[id=" + Integer.toUnsignedString(id) + ", private keys hidden]";
  }
}
