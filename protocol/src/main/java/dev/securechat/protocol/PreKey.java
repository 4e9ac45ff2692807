package dev.securechat.protocol;

/** A one-time prekey as the server sees it: an id and opaque public key bytes. */
public record PreKey(int id, byte[] publicKey) {
  static PreKey read(FrameReader r) throws MalformedFrameException {
    return new PreKey(r.u31("prekey id"), r.bytes("prekey"));
  }

  static void write(FrameWriter w, PreKey k) {
    w.u32(k.id).bytes(k.publicKey);
  }
}
