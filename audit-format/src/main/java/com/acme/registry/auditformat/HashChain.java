package com.acme.registry.auditformat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SHA-256 hash chain over audit records (docs/audit-trail.md, "Hash chain"). */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);
    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "previousHash";

    private String last = GENESIS;

    /** Links {@code record} to the chain: returns a copy with {@code previousHash} and {@code hash} set. */
    public Map<String, Object> link(Map<String, ?> record) {
        Map<String, Object> linked = new LinkedHashMap<>(record);
        linked.remove(HASH);
        linked.put(PREVIOUS_HASH, last);
        String hash = hashOf(linked);
        linked.put(HASH, hash);
        last = hash;
        return linked;
    }

    public String last() {
        return last;
    }

    /** Continues a chain whose last hash is known (e.g. the stored audit log's newest row). */
    public static HashChain continuingFrom(String lastHash) {
        HashChain chain = new HashChain();
        chain.last = lastHash;
        return chain;
    }

    /** The hash of a record: SHA-256 over the canonical form of every field except {@code hash}. */
    public static String hashOf(Map<String, ?> record) {
        Map<String, Object> hashed = new LinkedHashMap<>(record);
        hashed.remove(HASH);
        return sha256Hex(CanonicalJson.bytes(hashed));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
