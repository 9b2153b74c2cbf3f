package com.acme.registry.auditformat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        try {
            linkCanonical(record, line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toByteArray();
    }

    /** As {@link #linkCanonical(Map)}, writing the line to {@code out}. */
    public void linkCanonical(Map<String, ?> record, OutputStream out) throws IOException {
        String[] keys = keysWithPreviousHash(record);
        // the members before "hash" and those after it; the line is {before,"hash":"…",after}
        StringBuilder before = this.before;
        StringBuilder after = this.after;
        before.setLength(0);
        after.setLength(0);
        before.append('{');
        for (String key : keys) {
            StringBuilder part = key.compareTo(HASH) < 0 ? before : after;
            if (part.length() > (part == before ? 1 : 0)) {
                part.append(',');
            }
            CanonicalJson.member(key, key.equals(PREVIOUS_HASH) ? last : record.get(key), part);
        }
        after.append('}');
        boolean membersBefore = before.length() > 1;
        boolean membersAfter = after.length() > 1;
        // the hashed form: the line without its hash member
        if (membersBefore && membersAfter) {
            before.append(',');
        }
        byte[] head = before.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.toString().getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = SHA_256.get();
        sha.update(head);
        sha.update(tail);
        String hash = HEX.formatHex(sha.digest());
        out.write(head);
        out.write(((membersBefore && !membersAfter ? "," : "") + "\"" + HASH + "\":\"" + hash + "\""
                + (membersAfter ? "," : "")).getBytes(StandardCharsets.US_ASCII));
        out.write(tail);
        last = hash;
    }

    private final StringBuilder before = new StringBuilder(1024);
    private final StringBuilder after = new StringBuilder(256);

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
