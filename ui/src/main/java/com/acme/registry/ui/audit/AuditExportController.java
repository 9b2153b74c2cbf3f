package com.acme.registry.ui.audit;

import com.acme.registry.audit.AuditExport;
import com.acme.registry.audit.AuditSigningKey;
import com.acme.registry.validation.InvalidInputException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The signed, hash-chained export of the audit log (docs/audit-trail.md), streamed as it is read, and the public
 * key an outside auditor verifies it with. Without a format, {@code /compliance/export} is the form that asks.
 */
@Controller
class AuditExportController {

    static final MediaType JSON_LINES = new MediaType("application", "jsonl", StandardCharsets.UTF_8);
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private final AuditExport export;
    private final AuditSigningKey key;
    private final AuditVocabulary vocabulary;
    private final Clock clock = Clock.systemUTC();

    AuditExportController(AuditExport export, AuditSigningKey key, AuditVocabulary vocabulary) {
        this.export = export;
        this.key = key;
        this.vocabulary = vocabulary;
    }

    @GetMapping(value = "/compliance/export", params = "!format")
    String form(@RequestParam(required = false) String model,
                @RequestParam(required = false) String actor,
                @RequestParam(required = false) String action,
                @RequestParam(required = false) String from,
                @RequestParam(required = false) String to,
                Model view) {
        view.addAttribute("criteria", AuditCriteria.parse(model, actor, action, from, to));
        view.addAttribute("keyId", key.keyId());
        view.addAttribute("models", vocabulary.models());
        view.addAttribute("actors", vocabulary.actors());
        view.addAttribute("actions", vocabulary.actions());
        return "compliance/export";
    }

    @GetMapping(value = "/compliance/export", params = "format")
    ResponseEntity<StreamingResponseBody> download(@RequestParam String format,
                                                   @RequestParam(required = false) String model,
                                                   @RequestParam(required = false) String actor,
                                                   @RequestParam(required = false) String action,
                                                   @RequestParam(required = false) String from,
                                                   @RequestParam(required = false) String to) {
        AuditExport.Format chosen = switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "jsonl" -> AuditExport.Format.JSONL;
            case "csv" -> AuditExport.Format.CSV;
            default -> throw InvalidInputException.of("format", "must be jsonl (JSON Lines) or csv");
        };
        AuditCriteria criteria = AuditCriteria.parse(model, actor, action, from, to);
        return ResponseEntity.ok()
                .contentType(chosen == AuditExport.Format.CSV ? CSV : JSON_LINES)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName(criteria, chosen)).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out -> export.write(criteria.filter(), chosen, out));
    }

    @GetMapping("/compliance/public-key.pem")
    ResponseEntity<String> publicKey() {
        return ResponseEntity.ok()
                .contentType(PEM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("registry-audit-public-key-" + key.keyId().substring(0, 12) + ".pem").build()
                        .toString())
                .body(key.publicKeyPem());
    }

    /** e.g. audit-export-bnpl-credit-risk-2026-11-27T0830Z.jsonl: what it covers and when it was taken. */
    private String fileName(AuditCriteria criteria, AuditExport.Format format) {
        String subject = criteria.model() != null && MODEL_NAME.matcher(criteria.model()).matches()
                ? criteria.model() + "-" : "";
        return "audit-export-" + subject + FILE_TIME.format(clock.instant()) + "."
                + format.name().toLowerCase(Locale.ROOT);
    }
}
