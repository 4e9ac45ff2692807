package dev.securechat.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** A chat port to load: a server the bench started, or one given with {@code --connect}. */
public record Target(String host, int port) {

  public InetSocketAddress address() {
    return new InetSocketAddress(host, port);
  }

  /** Whether clients may bind extra loopback source addresses (127.0.0.2 ...) to reach it. */
  public boolean isLoopback() {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }

  /**
   * Parses {@code host:port[,host:port...]}.
   *
   * @throws IllegalArgumentException naming the part that is not {@code host:port}
   */
  public static List<Target> parseList(String text) {
    List<Target> targets = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      int colon = p.lastIndexOf(':');
      if (colon <= 0 || colon == p.length() - 1) {
        throw new IllegalArgumentException("'" + p + "' is not host:port");
      }
      int port;
      try {
        port = Integer.parseInt(p.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + p + "' has no numeric port", e);
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("'" + p + "': the port must be 1 to 65535");
      }
      targets.add(new Target(p.substring(0, colon), port));
    }
    return List.copyOf(targets);
  }
}
