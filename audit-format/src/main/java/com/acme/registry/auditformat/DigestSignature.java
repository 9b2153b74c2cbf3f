package com.acme.registry.auditformat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ed25519 signatures of export digests, and the PEM forms of the keys (JDK's own EdDSA). */
public final class DigestSignature {

    public static final String ALGORITHM = "Ed25519";
    public static final String SIGNATURE = "signature";

    private DigestSignature() {
    }

    /** Returns the digest with {@code signature} set over the canonical form of its other fields. */
    public static Map<String, Object> sign(Map<String, ?> digest, PrivateKey key) {
        Map<String, Object> signed = new LinkedHashMap<>(digest);
        signed.remove(SIGNATURE);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(CanonicalJson.bytes(signed));
            signed.put(SIGNATURE, Base64.getEncoder().encodeToString(signer.sign()));
            return signed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the export digest", e);
        }
    }

    public static boolean verify(Map<String, ?> digest, PublicKey key) {
        Object signature = digest.get(SIGNATURE);
        if (!(signature instanceof String encoded)) {
            return false;
        }
        Map<String, Object> unsigned = new LinkedHashMap<>(digest);
        unsigned.remove(SIGNATURE);
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(CanonicalJson.bytes(unsigned));
            return verifier.verify(Base64.getDecoder().decode(encoded));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Lowercase hex SHA-256 of the key's X.509 SubjectPublicKeyInfo encoding. */
    public static String keyId(PublicKey key) {
        return HashChain.sha256Hex(key.getEncoded());
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String privateKeyPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static PublicKey publicKeyFromPem(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
    }

    public static PrivateKey privateKeyFromPem(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("not a PEM " + type);
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not a PEM " + type, e);
        }
    }
}
