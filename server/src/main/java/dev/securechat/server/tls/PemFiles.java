package dev.securechat.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files that hold the server's certificate chain and private key. Reading
 * accepts what openssl and CAs hand out (PKCS#8 {@code PRIVATE KEY}, or the older {@code EC PRIVATE
 * KEY} / {@code RSA PRIVATE KEY}); writing is always PKCS#8.
 */
final class PemFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private PemFiles() {}

  /** Every certificate in the file, in file order: the leaf first, as servers write chains. */
  static List<X509Certificate> readCertificates(Path file) throws ServerIdentityException {
    var converter = new JcaX509CertificateConverter();
    var certificates = new ArrayList<X509Certificate>();
    for (Object object : readObjects(file, "certificate")) {
      if (object instanceof X509CertificateHolder holder) {
        try {
          certificates.add(converter.getCertificate(holder));
        } catch (CertificateException e) {
          throw new ServerIdentityException(
              "certificate file " + file + " holds a bad certificate", e);
        }
      }
    }
    if (certificates.isEmpty()) {
      throw new ServerIdentityException(
          "certificate file " + file + " holds no \"-----BEGIN CERTIFICATE-----\" block");
    }
    return certificates;
  }

  /** The one private key in the file; other blocks (EC parameters, certificates) are skipped. */
  static PrivateKey readPrivateKey(Path file) throws ServerIdentityException {
    var keys = new ArrayList<PrivateKeyInfo>();
    for (Object object : readObjects(file, "private key")) {
      switch (object) {
        case PrivateKeyInfo info -> keys.add(info);
        case PEMKeyPair pair -> keys.add(pair.getPrivateKeyInfo());
        case PKCS8EncryptedPrivateKeyInfo _ -> throw encrypted(file);
        case PEMEncryptedKeyPair _ -> throw encrypted(file);
        default -> {
          // Certificates and EC parameter blocks often share a file with the key.
        }
      }
    }
    if (keys.size() != 1) {
      throw new ServerIdentityException(
          "private key file "
              + file
              + " must hold exactly one private key (PEM \"PRIVATE KEY\", \"EC PRIVATE KEY\" or"
              + " \"RSA PRIVATE KEY\"), found "
              + keys.size());
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(keys.getFirst());
    } catch (PEMException e) {
      throw new ServerIdentityException(
          "private key file " + file + " holds a key this JDK cannot load", e);
    }
  }

  static void writeCertificate(Path file, X509Certificate certificate)
      throws IOException, CertificateException {
    writeAtomically(file, pem("CERTIFICATE", certificate.getEncoded()), false);
  }

  /** PKCS#8, readable by the owner only where the file system has POSIX permissions. */
  static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    writeAtomically(file, pem("PRIVATE KEY", key.getEncoded()), true);
  }

  private static List<Object> readObjects(Path file, String what) throws ServerIdentityException {
    var objects = new ArrayList<Object>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        var parser = new PEMParser(reader)) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException e) {
      // PEMParser reports malformed content as IOException too, so both read as "cannot read".
      throw new ServerIdentityException(
          what + " file " + file + " cannot be read as PEM: " + e.getMessage(), e);
    }
    return objects;
  }

  private static ServerIdentityException encrypted(Path file) {
    return new ServerIdentityException(
        "private key file "
            + file
            + " is encrypted; the server needs it unencrypted (openssl pkcs8 -topk8 -nocrypt)");
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /**
   * Written to a temporary file first, so that a crash never leaves half a key behind; a key is
   * created owner-only from the start rather than restricted after it was written.
   */
  private static void writeAtomically(Path file, String text, boolean secret) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes =
        secret && posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            attributes)) {
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
