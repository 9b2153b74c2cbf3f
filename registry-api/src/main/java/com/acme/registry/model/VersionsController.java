package com.acme.registry.model;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.web.Reason;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/v1/models/{name}/versions")
@Tag(name = "Versions", description = "Immutable, numbered model versions and their evidence")
class VersionsController {

    private final ModelService models;

    VersionsController(ModelService models) {
        this.models = models;
    }

    @Operation(summary = "Register the next version (ML_ENGINEER); answers the assigned number. "
            + "A retry with the same Idempotency-Key and command answers the first result and registers nothing.")
    @PostMapping
    public ResponseEntity<VersionView> register(
            @PathVariable String name, @RequestBody VersionRegistration body,
            @Parameter(description = "makes retries safe: same key and command → same answer; same key, other command → 422")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            Authentication principal) {
        ModelService.RegisteredVersion registered =
                models.registerVersion(name, body, idempotencyKey, principal.getName());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/models/" + name + "/versions/" + registered.version()))
                .header("Idempotent-Replayed", String.valueOf(registered.replayed()))
                .body(version(name, registered.version()));
    }

    @Operation(summary = "List a model's versions, newest first; filter by status or by a metric's range")
    @GetMapping
    public Page<VersionView> versions(
            @PathVariable String name,
            @RequestParam(required = false) VersionStatus status,
            @Parameter(description = "metric name, e.g. auc; with minValue/maxValue") @RequestParam(required = false) String metric,
            @RequestParam(required = false) Double minValue,
            @RequestParam(required = false) Double maxValue,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        PageRequest pageRequest = PageRequest.of(page, size);
        return models.versions(name, status, metric, minValue, maxValue, pageRequest);
    }

    @Operation(summary = "Show one version with all its evidence")
    @GetMapping("/{version}")
    public VersionView version(@PathVariable String name, @PathVariable int version) {
        return models.requireVersion(name, version);
    }

    @Operation(summary = "Complete the evidence of a version registered without it (ML_ENGINEER): supplies the missing "
            + "artifactDigest and/or framework; a field the version has already is never replaced (409)")
    @PostMapping("/{version}/evidence")
    public VersionView completeEvidence(@PathVariable String name, @PathVariable int version,
                                        @RequestBody EvidenceCompletion body) {
        return models.completeEvidence(name, version, body.artifactDigest(), body.framework());
    }

    @Operation(summary = "Archive a version (ML_ENGINEER), with a reason; it then takes no new actions")
    @PostMapping("/{version}/archival")
    public VersionView archive(@PathVariable String name, @PathVariable int version, @RequestBody Reason body) {
        return models.archive(name, version, body.reason());
    }
}
