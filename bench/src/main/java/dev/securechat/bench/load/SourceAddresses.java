package dev.securechat.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which local address each simulated client connects from. One source address has only the
 * ephemeral port range to offer (about 28,000 ports with Linux's 32768-60999), so on loopback every
 * {@link #PER_ADDRESS} clients move on to the next address: 127.0.0.1, 127.0.0.2, ... (Linux
 * answers for all of 127.0.0.0/8 on the loopback interface). Remote targets get the kernel's
 * choice.
 */
public final class SourceAddresses {
  /** Clients per loopback source address, safely below the 28,232 ephemeral ports. */
  public static final int PER_ADDRESS = 25_000;

  private SourceAddresses() {}

  /** The address to bind for client {@code index}, or null when the target is not loopback. */
  public static InetAddress forClient(int index, boolean loopbackTarget) {
    if (!loopbackTarget) {
      return null;
    }
    int n = 1 + index / PER_ADDRESS;
    if (n > 254 * 255) {
      throw new IllegalArgumentException("too many clients for 127.0.0.0/8: " + index);
    }
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, (byte) (n / 255), (byte) (n % 255)});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4-byte address is always valid", e);
    }
  }

  /** How many loopback source addresses {@code clients} clients use. */
  public static int used(int clients) {
    return (clients + PER_ADDRESS - 1) / PER_ADDRESS;
  }
}
