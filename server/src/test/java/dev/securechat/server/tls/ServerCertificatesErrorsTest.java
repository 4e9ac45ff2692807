package dev.securechat.server.tls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each unusable certificate or key stops the start with a message that names the file. */
class ServerCertificatesErrorsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;
  private Path certificate;
  private Path key;

  @BeforeEach
  void generateOne() throws Exception {
    ServerCertificates.loadOrCreate(dir, Optional.empty(), Optional.empty(), CLOCK);
    certificate = dir.resolve("server-cert.pem");
    key = dir.resolve("server-key.pem");
  }

  @Test
  void garbageIsNotPem() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.pem"), "-----BEGIN CERTIFICATE-----\n!!!\n");

    assertLoadFails(bad, key)
        .hasMessageStartingWith("certificate file " + bad + " cannot be read as PEM");
  }

  @Test
  void certificateFileWithoutCertificate() {
    assertLoadFails(key, key)
        .hasMessage("certificate file " + key + " holds no \"-----BEGIN CERTIFICATE-----\" block");
  }

  @Test
  void keyFileWithoutKey() {
    assertLoadFails(certificate, certificate)
        .hasMessageStartingWith(
            "private key file " + certificate + " must hold exactly one private key")
        .hasMessageEndingWith("found 0");
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("missing.pem");

    assertLoadFails(missing, key)
        .hasMessageStartingWith("certificate file " + missing + " cannot be read");
  }

  @Test
  void keyOfAnotherCertificate() throws Exception {
    Path other = Files.createDirectory(dir.resolve("other"));
    ServerCertificates.loadOrCreate(other, Optional.empty(), Optional.empty(), CLOCK);
    Path otherKey = other.resolve("server-key.pem");

    assertLoadFails(certificate, otherKey)
        .hasMessage(
            "private key file "
                + otherKey
                + " does not belong to the first certificate in "
                + certificate);
  }

  @Test
  void keyOfAnotherType() throws Exception {
    TestPem.RsaChain rsa = TestPem.rsaChain(NOW);
    Path rsaKey = TestPem.write(dir.resolve("rsa-key.pem"), rsa.leafKey());

    assertLoadFails(certificate, rsaKey)
        .hasMessage(
            "private key file "
                + rsaKey
                + " does not belong to the first certificate in "
                + certificate);
  }

  @Test
  void encryptedKeyIsRefusedWithAHint() throws Exception {
    Path encrypted =
        Files.writeString(
            dir.resolve("enc.pem"),
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                + "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjw6sBsRMyK1wICCAAw\n"
                + "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEN3hWlXu2wMnUw9F9wFCrnkEQGSh\n"
                + "FQVd5w2EKKbBY7Vy0fq5Hsz8D5E1xYkkmgpi4G9MZ6j+2iOrXWhvqWWZ+3qNrF0y\n"
                + "q1mfbbJs8OZxpnCm8NE=\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n");

    assertLoadFails(certificate, encrypted)
        .hasMessage(
            "private key file "
                + encrypted
                + " is encrypted; the server needs it unencrypted (openssl pkcs8 -topk8 -nocrypt)");
  }

  @Test
  void expiredCertificate() {
    Clock later = Clock.offset(CLOCK, Duration.ofDays(3651));

    assertThatThrownBy(
            () -> ServerCertificates.loadOrCreate(dir, Optional.empty(), Optional.empty(), later))
        .isInstanceOf(ServerIdentityException.class)
        .hasMessage(
            "certificate " + certificate + " expired on " + NOW.plus(Duration.ofDays(3650)));
  }

  @Test
  void halfOfTheGeneratedPairIsMissing() throws Exception {
    Files.delete(certificate);

    assertThatThrownBy(
            () -> ServerCertificates.loadOrCreate(dir, Optional.empty(), Optional.empty(), CLOCK))
        .isInstanceOf(ServerIdentityException.class)
        .hasMessageStartingWith("found " + key + " but not " + certificate + "; restore it");
  }

  @Test
  void certificateWithoutKeyPath() {
    assertThatThrownBy(
            () ->
                ServerCertificates.loadOrCreate(
                    dir, Optional.of(certificate), Optional.empty(), CLOCK))
        .isInstanceOf(ServerIdentityException.class)
        .hasMessageContaining("must be given together");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertLoadFails(
      Path cert, Path privateKey) {
    return assertThatThrownBy(
            () ->
                ServerCertificates.loadOrCreate(
                    dir.resolve("unused"), Optional.of(cert), Optional.of(privateKey), CLOCK))
        .isInstanceOf(ServerIdentityException.class);
  }
}
