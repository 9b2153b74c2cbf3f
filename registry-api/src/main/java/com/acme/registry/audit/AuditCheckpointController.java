package com.acme.registry.audit;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.validation.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/** Signed checkpoints of the audit chain's head, and the stored chain checked against them (COMPLIANCE, ADMIN). */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The hash-chained audit log, its verification and signed exports")
class AuditCheckpointController {

    private final AuditService audit;

    AuditCheckpointController(AuditService audit) {
        this.audit = audit;
    }

    @Operation(summary = "Signed checkpoints of the audit chain's head, newest first (COMPLIANCE, ADMIN)")
    @GetMapping("/checkpoints")
    public Page<Map<String, Object>> list(@RequestParam(required = false) Integer page,
                                          @RequestParam(required = false) Integer size) {
        return audit.checkpoints(PageRequest.of(page, size));
    }

    @Operation(summary = "The newest checkpoint, as its file holds it (COMPLIANCE, ADMIN)")
    @GetMapping("/checkpoints/latest")
    public Map<String, Object> latest() {
        return audit.latestCheckpoint().orElseThrow(() -> new NotFoundException("No audit checkpoint has been taken yet."));
    }

    @Operation(summary = "The checkpoint of the record with this sequence (COMPLIANCE, ADMIN)")
    @GetMapping("/checkpoints/{sequence}")
    public Map<String, Object> one(@PathVariable long sequence) {
        return audit.checkpoint(sequence).orElseThrow(() ->
                new NotFoundException("No audit checkpoint of sequence " + sequence + "."));
    }

    @Operation(summary = "Take a checkpoint of the chain's head now (or return the head's, if it has one); the act is "
            + "audited as AuditCheckpointTaken (COMPLIANCE, ADMIN)")
    @PostMapping("/checkpoints")
    public ResponseEntity<Map<String, Object>> take(Authentication caller) {
        Map<String, Object> checkpoint = audit.takeCheckpoint(caller.getName());
        return ResponseEntity.ok()
                .location(URI.create("/api/v1/audit/checkpoints/" + checkpoint.get("sequence")))
                .body(checkpoint);
    }

    @Operation(summary = "Verify the stored chain against a checkpoint kept outside the registry: the record at its "
            + "sequence must have its hash (COMPLIANCE, ADMIN)")
    @PostMapping("/verification/checkpoint")
    public AuditQueries.Verification verifyAgainst(@RequestBody Map<String, Object> checkpoint) {
        return audit.verifyAgainst(checkpoint);
    }
}
