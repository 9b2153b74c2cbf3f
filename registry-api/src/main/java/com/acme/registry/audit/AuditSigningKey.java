package com.acme.registry.audit;

import com.acme.registry.auditformat.DigestSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The registry's Ed25519 key for signing audit exports. Read from {@code registry.audit.signing-key-file}
 * (a PEM file with the PRIVATE KEY and PUBLIC KEY blocks); generated there on first start, readable only by
 * the registry's user. Losing it only means later exports are signed by a new key; keep it to keep one key id.
 */
@Component
public class AuditSigningKey {

    private static final Logger log = LoggerFactory.getLogger(AuditSigningKey.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Path file;
    private final boolean generated;

    public AuditSigningKey(@Value("${registry.audit.signing-key-file}") Path file) {
        this.file = file.toAbsolutePath();
        try {
            generated = !Files.exists(file);
            if (generated) {
                generate(file);
            }
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            privateKey = DigestSignature.privateKeyFromPem(pem);
            publicKey = DigestSignature.publicKeyFromPem(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit signing key " + file + " is not an Ed25519 PEM key pair", e);
        }
    }

    private static void generate(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance(DigestSignature.ALGORITHM).generateKeyPair();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "audit-key", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
        Files.writeString(temp, DigestSignature.privateKeyPem(pair.getPrivate())
                + DigestSignature.publicKeyPem(pair.getPublic()), StandardCharsets.US_ASCII);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.warn("Generated a new Ed25519 audit signing key in {} (key id {}); back it up.", file,
                DigestSignature.keyId(pair.getPublic()));
    }

    /** Where the key pair is kept. */
    public Path file() {
        return file;
    }

    /** Whether this start generated the key (there was no file). */
    public boolean generated() {
        return generated;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return DigestSignature.keyId(publicKey);
    }

    public String publicKeyPem() {
        return DigestSignature.publicKeyPem(publicKey);
    }
}
