package dev.securechat.server.tls;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** An operator-style RSA chain (leaf signed by an issuer), as a CA would hand it out. */
final class TestPem {
  private TestPem() {}

  record RsaChain(X509Certificate leaf, PrivateKey leafKey, X509Certificate issuer) {}

  static RsaChain rsaChain(Instant now) throws GeneralSecurityException, OperatorCreationException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair issuerKeys = generator.generateKeyPair();
    KeyPair leafKeys = generator.generateKeyPair();
    X509Certificate issuer =
        certificate(
            "CN=Test CA", issuerKeys.getPublic(), "CN=Test CA", issuerKeys.getPrivate(), now);
    X509Certificate leaf =
        certificate(
            "CN=chat.example", leafKeys.getPublic(), "CN=Test CA", issuerKeys.getPrivate(), now);
    return new RsaChain(leaf, leafKeys.getPrivate(), issuer);
  }

  /** JcaPEMWriter writes keys in the traditional ("RSA PRIVATE KEY") form openssl once used. */
  static Path write(Path file, Object... objects) throws IOException {
    try (Writer out = Files.newBufferedWriter(file);
        var pem = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        pem.writeObject(object);
      }
    }
    return file;
  }

  private static X509Certificate certificate(
      String subject, PublicKey key, String issuer, PrivateKey issuerKey, Instant now)
      throws GeneralSecurityException, OperatorCreationException {
    var builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(90))),
            new X500Name(subject),
            key);
    var signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }
}
