package dev.securechat.server.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * The server's TLS: 1.3 only, on the JDK's provider, which issues stateless session tickets by
 * default, so a reconnecting client resumes without a new signature.
 */
public final class ServerTls {
  private static final long TICKET_LIFETIME_SECONDS = 24 * 3600;

  private ServerTls() {}

  public static SslContext context(PrivateKey key, X509Certificate[] chain) throws SSLException {
    return SslContextBuilder.forServer(key, chain)
        .sslProvider(SslProvider.JDK)
        .protocols("TLSv1.3")
        .sessionTimeout(TICKET_LIFETIME_SECONDS)
        .build();
  }
}
