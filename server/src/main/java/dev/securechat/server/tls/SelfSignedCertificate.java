package dev.securechat.server.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the server's own ECDSA P-256 key and self-signed certificate on first start. Clients do not
 * trust it through a CA: they pin its public key's fingerprint, so the names in it matter only to
 * tools that look.
 *
 * <p>bcpkix builds the certificate because the JDK has no public API for that; the key and the
 * signature come from the JDK's own providers (BouncyCastle is not registered as a provider).
 */
final class SelfSignedCertificate {
  static final String SUBJECT = "CN=SecureChat server";
  private static final Duration VALIDITY = Duration.ofDays(3650);
  // A clock a little behind the server's must not see a certificate from the future.
  private static final Duration BACKDATE = Duration.ofHours(1);

  private SelfSignedCertificate() {}

  record Generated(KeyPair keyPair, X509Certificate certificate) {}

  static Generated generate(Clock clock, SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair keyPair = generator.generateKeyPair();

    Instant now = clock.instant();
    var name = new X500Name(SUBJECT);
    // Positive and at most 20 bytes, as RFC 5280 requires of serial numbers.
    var serial = new BigInteger(159, random);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            serial,
            Date.from(now.minus(BACKDATE)),
            Date.from(now.plus(VALIDITY)),
            name,
            keyPair.getPublic());
    try {
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(
                  new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                  }));
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
      X509Certificate certificate =
          new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new Generated(keyPair, certificate);
    } catch (CertIOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot build the self-signed certificate", e);
    }
  }
}
