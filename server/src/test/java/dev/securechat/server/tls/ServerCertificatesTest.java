package dev.securechat.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificatesTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dataDir;

  @Test
  void firstStartMakesSelfSignedEcCertificateAndOwnerOnlyKey() throws Exception {
    Path data = dataDir.resolve("not-yet-there");

    ServerIdentity identity = create(data);

    assertThat(data.resolve("server-cert.pem"))
        .content()
        .startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(data.resolve("server-key.pem"))
        .content()
        .startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.getPosixFilePermissions(data.resolve("server-key.pem")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(data).isDirectoryNotContaining("glob:**.tmp");

    X509Certificate leaf = identity.leaf();
    assertThat(identity.chain()).hasSize(1);
    assertThat(identity.key().getAlgorithm()).isEqualTo("EC");
    assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=SecureChat server");
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(leaf.getSubjectX500Principal());
    assertThat(leaf.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
    assertThat(leaf.getNotBefore().toInstant()).isBefore(NOW);
    leaf.verify(leaf.getPublicKey());

    assertThat(identity.fingerprint())
        .matches("SHA256:([0-9a-f]{2}:){31}[0-9a-f]{2}")
        .isEqualTo(ServerCertificates.fingerprintOf(leaf.getPublicKey()));
    assertThat(identity.toString()).contains(identity.fingerprint()).doesNotContain("BEGIN");
  }

  @Test
  void laterStartsLoadTheSameIdentity() throws Exception {
    ServerIdentity first = create(dataDir);
    String certificate = Files.readString(dataDir.resolve("server-cert.pem"));

    ServerIdentity second = create(dataDir);

    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(second.key().getEncoded()).isEqualTo(first.key().getEncoded());
    assertThat(second.chain()).isEqualTo(first.chain());
    assertThat(dataDir.resolve("server-cert.pem")).hasContent(certificate);
  }

  @Test
  void fingerprintIsSha256OfSubjectPublicKeyInfo() throws Exception {
    ServerIdentity identity = create(dataDir);
    byte[] spki = identity.leaf().getPublicKey().getEncoded();
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(spki);

    String hex = identity.fingerprint().substring("SHA256:".length()).replace(":", "");
    assertThat(java.util.HexFormat.of().parseHex(hex)).isEqualTo(digest);
  }

  @Test
  void operatorPemFilesAreUsedInsteadOfTheDataFolder() throws Exception {
    Path elsewhere = Files.createDirectory(dataDir.resolve("operator"));
    ServerIdentity operator = create(elsewhere);
    Path data = dataDir.resolve("data");

    ServerIdentity identity =
        ServerCertificates.loadOrCreate(
            data,
            Optional.of(elsewhere.resolve("server-cert.pem")),
            Optional.of(elsewhere.resolve("server-key.pem")),
            CLOCK);

    assertThat(identity).isEqualTo(operator);
    assertThat(data).doesNotExist();
  }

  @Test
  void rsaChainWithTraditionalKeyFormat() throws Exception {
    TestPem.RsaChain rsa = TestPem.rsaChain(NOW);
    Path certificate = TestPem.write(dataDir.resolve("chain.pem"), rsa.leaf(), rsa.issuer());
    Path key = TestPem.write(dataDir.resolve("key.pem"), rsa.leafKey());

    assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    ServerIdentity identity =
        ServerCertificates.loadOrCreate(dataDir, Optional.of(certificate), Optional.of(key), CLOCK);

    assertThat(identity.chain()).containsExactly(rsa.leaf(), rsa.issuer());
    assertThat(identity.key().getAlgorithm()).isEqualTo("RSA");
    assertThat(identity.fingerprint())
        .isEqualTo(ServerCertificates.fingerprintOf(rsa.leaf().getPublicKey()));
  }

  private static ServerIdentity create(Path data) throws ServerIdentityException {
    return ServerCertificates.loadOrCreate(data, Optional.empty(), Optional.empty(), CLOCK);
  }
}
