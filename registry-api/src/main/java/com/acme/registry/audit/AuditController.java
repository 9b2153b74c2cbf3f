package com.acme.registry.audit;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.Violations;
import com.acme.registry.web.InstantParameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;
import java.util.Locale;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The hash-chained audit log, its verification and signed exports")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @Operation(summary = "Audit records in order, filtered by model, actor, action and time range (COMPLIANCE, ADMIN)")
    @GetMapping
    public Page<AuditRecord> records(@RequestParam(required = false) String model,
                                     @RequestParam(required = false) String actor,
                                     @RequestParam(required = false) String action,
                                     @RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to,
                                     @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        return audit.records(filter(model, actor, action, from, to), PageRequest.of(page, size));
    }

    @Operation(summary = "Recompute the whole stored hash chain and check it against the stored checkpoints; names "
            + "the first record that does not match")
    @GetMapping("/verification")
    public AuditQueries.Verification verify() {
        return audit.verifyStored();
    }

    @Operation(summary = "Export as JSON Lines or CSV, chained and ending with a signed digest (docs/audit-trail.md)")
    @GetMapping("/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "jsonl") String format,
                                                        @RequestParam(required = false) String model,
                                                        @RequestParam(required = false) String actor,
                                                        @RequestParam(required = false) String action,
                                                        @RequestParam(required = false) String from,
                                                        @RequestParam(required = false) String to) {
        AuditExportFormat chosen = switch (format.toLowerCase(Locale.ROOT)) {
            case "jsonl" -> AuditExportFormat.JSONL;
            case "csv" -> AuditExportFormat.CSV;
            default -> throw InvalidInputException.of("format", "must be jsonl or csv");
        };
        AuditFilter filter = filter(model, actor, action, from, to);
        String extension = chosen.name().toLowerCase(Locale.ROOT);
        return ResponseEntity.ok()
                .contentType(chosen == AuditExportFormat.CSV ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
                        : new MediaType("application", "jsonl", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-export." + extension + "\"")
                .body(out -> audit.export(filter, chosen, out));
    }

    /** {@code from} and {@code to} as every instant parameter is read; both may be in the future (bounds). */
    private static AuditFilter filter(String model, String actor, String action, String from, String to) {
        Violations v = new Violations();
        Instant start = InstantParameter.bound(v, "from", from);
        Instant end = InstantParameter.bound(v, "to", to);
        v.throwIfAny();
        return new AuditFilter(model, actor, action, start, end);
    }

    @Operation(summary = "The registry's Ed25519 public key for export signatures (PEM); published to anyone")
    @GetMapping(value = "/public-key", produces = "application/x-pem-file")
    public String publicKey() {
        return audit.publicKeyPem();
    }
}
