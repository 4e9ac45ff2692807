package dev.securechat.client;

import dev.securechat.protocol.PreKey;
import java.util.List;

/** The public keys a registration publishes; opaque to the server. */
public record KeyMaterial(byte[] identityKey, byte[] keyBundle, List<PreKey> oneTimePreKeys) {}
