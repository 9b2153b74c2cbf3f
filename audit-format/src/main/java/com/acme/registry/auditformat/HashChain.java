package com.acme.registry.auditformat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SHA-256 hash chain over audit records (docs/audit-trail.md, "Hash chain"). */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);
    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "previousHash";

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

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

    /**
     * Links {@code record} to the chain as {@link #link} does and returns the canonical form (UTF-8) of the linked
     * record, {@code hash} included: exactly {@code CanonicalJson.bytes(link(record))}, for writers of exports, but
     * built once (the hashed form is the line without its {@code hash} member, which is spliced in).
     */
    public byte[] linkCanonical(Map<String, ?> record) {
        String[] keys = keysWithPreviousHash(record);
        StringBuilder text = new StringBuilder(256).append('{');
        int hashAt = -1; // where the hash member goes: before the first key after "hash", or at the end
        boolean first = true;
        for (String key : keys) {
            if (hashAt < 0 && key.compareTo(HASH) > 0) {
                hashAt = text.length();
            }
            if (!first) {
                text.append(',');
            }
            first = false;
            CanonicalJson.member(key, key.equals(PREVIOUS_HASH) ? last : record.get(key), text);
        }
        boolean atEnd = hashAt < 0;
        if (atEnd) {
            hashAt = text.length();
        } else if (hashAt > 1) {
            hashAt++; // after the comma that ends the member before it
        }
        text.append('}');
        byte[] before = text.substring(0, hashAt).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(hashAt).getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = SHA_256.get();
        sha.update(before);
        sha.update(after);
        String hash = HEX.formatHex(sha.digest());
        byte[] member = ((atEnd ? "," : "") + "\"" + HASH + "\":\"" + hash + "\"" + (atEnd ? "" : ","))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(before, before.length + member.length + after.length);
        System.arraycopy(member, 0, line, before.length, member.length);
        System.arraycopy(after, 0, line, before.length + member.length, after.length);
        last = hash;
        return line;
    }

    private static String[] keysWithPreviousHash(Map<String, ?> record) {
        int size = record.size() + (record.containsKey(PREVIOUS_HASH) ? 0 : 1) - (record.containsKey(HASH) ? 1 : 0);
        String[] keys = new String[size];
        int n = 0;
        for (String key : record.keySet()) {
            if (!key.equals(HASH) && !key.equals(PREVIOUS_HASH)) {
                keys[n++] = key;
            }
        }
        keys[n] = PREVIOUS_HASH;
        Arrays.sort(keys);
        return keys;
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
        return sha256Hex(CanonicalJson.text(record, HASH).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(SHA_256.get().digest(bytes));
    }
}
