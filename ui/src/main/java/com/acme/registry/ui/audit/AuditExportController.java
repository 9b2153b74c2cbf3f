package com.acme.registry.ui.audit;

import com.acme.registry.audit.AuditExportFormat;
import com.acme.registry.audit.AuditService;
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

    private final AuditService audit;
    private final Clock clock = Clock.systemUTC();

    AuditExportController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping(value = "/compliance/export", params = "!format")
    String form(@RequestParam(required = false) String model,
                @RequestParam(required = false) String actor,
                @RequestParam(required = false) String action,
                @RequestParam(required = false) String from,
                @RequestParam(required = false) String to,
                Model view) {
        view.addAttribute("criteria", AuditCriteria.parse(model, actor, action, from, to));
        view.addAttribute("keyId", audit.keyId());
        view.addAttribute("models", audit.models());
        view.addAttribute("actors", audit.actors());
        view.addAttribute("actions", audit.actions());
        return "compliance/export";
    }

    @GetMapping(value = "/compliance/export", params = "format")
    ResponseEntity<StreamingResponseBody> download(@RequestParam String format,
                                                   @RequestParam(required = false) String model,
                                                   @RequestParam(required = false) String actor,
                                                   @RequestParam(required = false) String action,
                                                   @RequestParam(required = false) String from,
                                                   @RequestParam(required = false) String to) {
        AuditExportFormat chosen = switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "jsonl" -> AuditExportFormat.JSONL;
            case "csv" -> AuditExportFormat.CSV;
            default -> throw InvalidInputException.of("format", "must be jsonl (JSON Lines) or csv");
        };
        AuditCriteria criteria = AuditCriteria.parse(model, actor, action, from, to);
        return ResponseEntity.ok()
                .contentType(chosen == AuditExportFormat.CSV ? CSV : JSON_LINES)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName(criteria, chosen)).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out -> audit.export(criteria.filter(), chosen, out));
    }

    @GetMapping("/compliance/public-key.pem")
    ResponseEntity<String> publicKey() {
        return ResponseEntity.ok()
                .contentType(PEM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("registry-audit-public-key-" + audit.keyId().substring(0, 12) + ".pem").build()
                        .toString())
                .body(audit.publicKeyPem());
    }

    /** e.g. audit-export-bnpl-credit-risk-2026-11-27T0830Z.jsonl: what it covers and when it was taken. */
    private String fileName(AuditCriteria criteria, AuditExportFormat format) {
        String subject = criteria.model() != null && MODEL_NAME.matcher(criteria.model()).matches()
                ? criteria.model() + "-" : "";
        return "audit-export-" + subject + FILE_TIME.format(clock.instant()) + "."
                + format.name().toLowerCase(Locale.ROOT);
    }
}
