package com.acme.registry.audit;

import com.acme.registry.auditformat.AuditCsv;
import com.acme.registry.auditformat.CanonicalJson;
import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.HashChain;
import org.springframework.stereotype.Component;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a filtered, chained and signed export (docs/audit-trail.md) as JSON Lines or CSV (format 2: cells guarded
 * against formula injection, {@link AuditCsv}), streaming.
 */
@Component
class AuditExport {

    private final AuditQueries queries;
    private final AuditSigningKey key;

    AuditExport(AuditQueries queries, AuditSigningKey key) {
        this.queries = queries;
        this.key = key;
    }

    /**
     * Streams the export to {@code out} (buffered here). A JSON Lines record line is built once: its canonical form
     * without {@code hash} is what is hashed, and the hash is spliced in ({@link HashChain#linkCanonical}).
     */
    void write(AuditFilter filter, AuditExportFormat format, OutputStream out) {
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        HashChain chain = new HashChain();
        long[] count = {0};
        Long[] first = {null};
        Long[] last = {null};
        try {
            if (format == AuditExportFormat.CSV) {
                buffered.write(AuditCsv.header().getBytes(StandardCharsets.UTF_8));
            }
            queries.streamReadingAhead(filter, record -> {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("type", "record");
                line.putAll(record.fields());
                count[0]++;
                if (first[0] == null) {
                    first[0] = record.sequence();
                }
                last[0] = record.sequence();
                try {
                    if (format == AuditExportFormat.JSONL) {
                        chain.linkCanonical(line, buffered);
                        buffered.write('\n');
                    } else {
                        writeLine(buffered, format, chain.link(line));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Map<String, Object> digest = new LinkedHashMap<>();
            digest.put("type", "digest");
            digest.put("count", count[0]);
            digest.put("firstSequence", first[0]);
            digest.put("lastSequence", last[0]);
            digest.put("finalHash", chain.last());
            digest.put("filter", CanonicalJson.text(filter.asMap()));
            digest.put("exportedAt", AuditTime.format(AuditTime.truncate(Instant.now())));
            digest.put("algorithm", DigestSignature.ALGORITHM);
            digest.put("publicKeyId", key.keyId());
            writeLine(buffered, format, DigestSignature.sign(digest, key.privateKey()));
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLine(OutputStream out, AuditExportFormat format, Map<String, Object> line)
            throws IOException {
        if (format == AuditExportFormat.JSONL) {
            out.write(CanonicalJson.bytes(line));
            out.write('\n');
        } else {
            out.write(AuditCsv.row(line).getBytes(StandardCharsets.UTF_8));
        }
    }
}
