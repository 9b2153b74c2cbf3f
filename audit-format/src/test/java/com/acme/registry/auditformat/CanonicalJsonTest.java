package com.acme.registry.auditformat;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    @Test
    void sortsKeysDropsWhitespaceAndEscapesMinimally() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("b", "line\nbreak \"quoted\" back\\slash tab\t bell\u0007 é €");
        record.put("a", 42L);
        record.put("c", null);
        record.put("B", true);
        assertThat(CanonicalJson.text(record)).isEqualTo(
                "{\"B\":true,\"a\":42,\"b\":\"line\\nbreak \\\"quoted\\\" back\\\\slash tab\\t bell\\u0007 é €\",\"c\":null}");
    }

    @Test
    void refusesTypesOutsideTheCanonicalForm() {
        Map<String, Object> record = new HashMap<>();
        record.put("auc", 0.87);
        assertThatThrownBy(() -> CanonicalJson.text(record)).hasMessageContaining("Double");
    }

    @Test
    void chainLinksEachRecordToThePreviousOne() {
        HashChain chain = new HashChain();
        Map<String, Object> first = chain.link(Map.of("sequence", 1L, "action", "ModelRegistered"));
        Map<String, Object> second = chain.link(Map.of("sequence", 2L, "action", "ModelRetired"));
        assertThat(first.get("previousHash")).isEqualTo(HashChain.GENESIS);
        assertThat(second.get("previousHash")).isEqualTo(first.get("hash"));
        assertThat(HashChain.hashOf(second)).isEqualTo(second.get("hash"));
        Map<String, Object> tampered = new LinkedHashMap<>(second);
        tampered.put("action", "ModelRegistered");
        assertThat(HashChain.hashOf(tampered)).isNotEqualTo(second.get("hash"));
        // {"action":"ModelRegistered","previousHash":"000…","sequence":1}
        assertThat(first.get("hash")).isEqualTo(HashChain.sha256Hex(("{\"action\":\"ModelRegistered\",\"previousHash\":\""
                + HashChain.GENESIS + "\",\"sequence\":1}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void signsAndVerifiesDigestsAndRoundTripsPemKeys() throws Exception {
        var keys = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var other = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("type", "digest");
        digest.put("count", 3L);
        Map<String, Object> signed = DigestSignature.sign(digest, keys.getPrivate());
        var publicKey = DigestSignature.publicKeyFromPem(DigestSignature.publicKeyPem(keys.getPublic()));
        assertThat(DigestSignature.verify(signed, publicKey)).isTrue();
        assertThat(DigestSignature.verify(signed, other.getPublic())).isFalse();
        Map<String, Object> changed = new LinkedHashMap<>(signed);
        changed.put("count", 4L);
        assertThat(DigestSignature.verify(changed, publicKey)).isFalse();
        var privateKey = DigestSignature.privateKeyFromPem(DigestSignature.privateKeyPem(keys.getPrivate()));
        assertThat(DigestSignature.verify(DigestSignature.sign(digest, privateKey), publicKey)).isTrue();
        assertThat(DigestSignature.keyId(publicKey)).hasSize(64);
    }
}
