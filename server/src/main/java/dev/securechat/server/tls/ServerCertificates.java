package dev.securechat.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the server's TLS identity: the operator's PEM files when the config names them, else the
 * self-signed certificate in the data folder, made on first start.
 */
public final class ServerCertificates {
  static final String CERTIFICATE_FILE = "server-cert.pem";
  static final String PRIVATE_KEY_FILE = "server-key.pem";

  private static final Logger log = LoggerFactory.getLogger(ServerCertificates.class);
  private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

  private ServerCertificates() {}

  /**
   * @param dataDir where the generated certificate and key live (created if missing)
   * @param pemCertificate the operator's certificate chain, leaf first; given together with {@code
   *     pemPrivateKey} or not at all
   * @param clock decides the generated certificate's validity and checks a loaded one's
   */
  public static ServerIdentity loadOrCreate(
      Path dataDir, Optional<Path> pemCertificate, Optional<Path> pemPrivateKey, Clock clock)
      throws ServerIdentityException {
    if (pemCertificate.isPresent() != pemPrivateKey.isPresent()) {
      throw new ServerIdentityException(
          "a TLS certificate and its private key must be given together, or neither");
    }
    if (pemCertificate.isPresent()) {
      return load(pemCertificate.get(), pemPrivateKey.get(), clock);
    }
    Path certificate = dataDir.resolve(CERTIFICATE_FILE);
    Path key = dataDir.resolve(PRIVATE_KEY_FILE);
    boolean haveCertificate = Files.exists(certificate);
    boolean haveKey = Files.exists(key);
    if (haveCertificate && haveKey) {
      return load(certificate, key, clock);
    }
    if (haveCertificate || haveKey) {
      throw new ServerIdentityException(
          "found "
              + (haveCertificate ? certificate : key)
              + " but not "
              + (haveCertificate ? key : certificate)
              + "; restore it, or delete both to make a new certificate (clients that pinned the"
              + " old one will refuse the new one until their users accept it)");
    }
    return create(dataDir, certificate, key, clock);
  }

  /**
   * The fingerprint clients pin: {@code "SHA256:"} followed by the SHA-256 digest of the public
   * key's X.509 SubjectPublicKeyInfo DER encoding ({@link PublicKey#getEncoded()}), as lower-case
   * hex bytes separated by colons, e.g. {@code SHA256:3f:a0:...} (32 bytes). Pinning the key rather
   * than the certificate lets an operator renew a certificate for the same key without clients
   * noticing. The client computes the same value from the certificate it is shown.
   */
  public static String fingerprintOf(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "SHA256:" + COLON_HEX.formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static ServerIdentity load(Path certificateFile, Path keyFile, Clock clock)
      throws ServerIdentityException {
    List<X509Certificate> chain = PemFiles.readCertificates(certificateFile);
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    X509Certificate leaf = chain.getFirst();
    checkKeyMatches(key, leaf, certificateFile, keyFile);
    checkValidity(leaf, certificateFile, clock);
    return new ServerIdentity(
        key, chain.toArray(X509Certificate[]::new), fingerprintOf(leaf.getPublicKey()));
  }

  private static ServerIdentity create(Path dataDir, Path certificate, Path key, Clock clock)
      throws ServerIdentityException {
    SelfSignedCertificate.Generated generated;
    try {
      generated = SelfSignedCertificate.generate(clock, new SecureRandom());
    } catch (GeneralSecurityException e) {
      throw new ServerIdentityException("cannot generate the server's key and certificate", e);
    }
    try {
      Files.createDirectories(dataDir);
      // Key first: a crash in between leaves a key without certificate, which the next start
      // reports, rather than a certificate whose key is lost.
      PemFiles.writePrivateKey(key, generated.keyPair().getPrivate());
      PemFiles.writeCertificate(certificate, generated.certificate());
    } catch (IOException | GeneralSecurityException e) {
      throw new ServerIdentityException(
          "cannot write the server's key and certificate to " + dataDir + ": " + e.getMessage(), e);
    }
    var identity =
        new ServerIdentity(
            generated.keyPair().getPrivate(),
            new X509Certificate[] {generated.certificate()},
            fingerprintOf(generated.keyPair().getPublic()));
    log.info(
        "Made a self-signed TLS certificate {} with fingerprint {}",
        certificate,
        identity.fingerprint());
    return identity;
  }

  /** A test signature proves the key belongs to the certificate, whatever the key type. */
  private static void checkKeyMatches(
      PrivateKey key, X509Certificate leaf, Path certificateFile, Path keyFile)
      throws ServerIdentityException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          default ->
              throw new ServerIdentityException(
                  "private key file "
                      + keyFile
                      + " holds a "
                      + key.getAlgorithm()
                      + " key; the server takes EC or RSA keys");
        };
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    boolean matches;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(challenge);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A key of another type than the certificate's lands here: it does not match either.
      throw mismatch(certificateFile, keyFile, e);
    }
    if (!matches) {
      throw mismatch(certificateFile, keyFile, null);
    }
  }

  private static ServerIdentityException mismatch(
      Path certificateFile, Path keyFile, GeneralSecurityException cause) {
    return new ServerIdentityException(
        "private key file "
            + keyFile
            + " does not belong to the first certificate in "
            + certificateFile,
        cause);
  }

  private static void checkValidity(X509Certificate leaf, Path file, Clock clock)
      throws ServerIdentityException {
    try {
      leaf.checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException e) {
      throw new ServerIdentityException(
          "certificate " + file + " expired on " + leaf.getNotAfter().toInstant(), e);
    } catch (CertificateNotYetValidException e) {
      throw new ServerIdentityException(
          "certificate " + file + " is not valid before " + leaf.getNotBefore().toInstant(), e);
    }
  }
}
