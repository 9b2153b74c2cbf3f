package com.acme.registry.model;

import com.acme.registry.axon.CommandSender;
import com.acme.registry.axon.WriteNotYetVisibleException;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.web.Reason;
import com.acme.registry.web.idempotency.IdempotencyInterceptor;
import com.acme.registry.web.idempotency.IdempotencyKeyReusedException;
import com.acme.registry.web.idempotency.IdempotencyKeys;
import com.acme.registry.web.idempotency.RequestFingerprint;

import com.acme.registry.model.ArchiveModelVersion;
import com.acme.registry.model.RegisterModelVersion;
import com.acme.registry.model.VersionStatus;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.dao.DuplicateKeyException;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

@RestController
@RequestMapping("/api/v1/models/{name}/versions")
@Tag(name = "Versions", description = "Immutable, numbered model versions and their evidence")
public class VersionsController {

    private final CommandSender commands;
    private final CatalogQueries catalog;
    private final IdempotencyKeys idempotencyKeys;
    private final RequestFingerprint fingerprint;

    public VersionsController(CommandSender commands, CatalogQueries catalog, IdempotencyKeys idempotencyKeys,
                              RequestFingerprint fingerprint) {
        this.commands = commands;
        this.catalog = catalog;
        this.idempotencyKeys = idempotencyKeys;
        this.fingerprint = fingerprint;
    }

    @Operation(summary = "Register the next version (ML_ENGINEER); answers the assigned number. "
            + "A retry with the same Idempotency-Key and command answers the first result and registers nothing.")
    @PostMapping
    public ResponseEntity<VersionView> register(
            @PathVariable String name, @RequestBody VersionRegistration body,
            @Parameter(description = "makes retries safe: same key and command → same answer; same key, other command → 422")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            Authentication principal) {
        RegisterModelVersion.validate(body.toEvidence()); // every broken field at once (the aggregate checks again)
        RegisterModelVersion command = new RegisterModelVersion(name, body.toEvidence(), principal.getName());
        if (idempotencyKey == null) {
            int version = commands.send(name, command);
            return created(name, version, false);
        }
        IdempotencyKeys.validate(idempotencyKey);
        String target = "POST /api/v1/models/" + name + "/versions";
        // the command, not the bytes: key order, whitespace and the ignored registeredBy make no difference
        String requestHash = fingerprint.of(target, command.evidence());
        Supplier<String> legacyHash = () -> fingerprint.of(target, body); // keys recorded before this rule
        Optional<ResponseEntity<VersionView>> replay =
                replay(principal.getName(), idempotencyKey, requestHash, legacyHash, name);
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            int version = commands.send(name, command, Map.of(
                    IdempotencyInterceptor.KEY, idempotencyKey,
                    IdempotencyInterceptor.REQUEST_HASH, requestHash,
                    IdempotencyInterceptor.PRINCIPAL, principal.getName()));
            return created(name, version, false);
        } catch (DuplicateKeyException raced) {
            return replay(principal.getName(), idempotencyKey, requestHash, legacyHash, name).orElseThrow(() -> raced);
        }
    }

    private Optional<ResponseEntity<VersionView>> replay(String principal, String key, String requestHash,
                                                         Supplier<String> legacyHash, String name) {
        return idempotencyKeys.find(principal, key).map(stored -> {
            if (!stored.requestHash().equals(requestHash) && !stored.requestHash().equals(legacyHash.get())) {
                throw new IdempotencyKeyReusedException(key);
            }
            try {
                commands.awaitReadModels(name); // the first request may have committed a moment ago
            } catch (WriteNotYetVisibleException notYet) {
                throw notYet.withResult(stored.resource()); // stored: 202 with its location, like the first answer
            }
            return created(name, Integer.parseInt(stored.resource()), true);
        });
    }

    private ResponseEntity<VersionView> created(String name, int version, boolean replayed) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/models/" + name + "/versions/" + version))
                .header("Idempotent-Replayed", String.valueOf(replayed))
                .body(version(name, version));
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
        if (metric == null && (minValue != null || maxValue != null)) {
            throw InvalidInputException.of("metric", "is required with minValue or maxValue");
        }
        catalog.requireModel(name);
        return catalog.versions(name, new CatalogQueries.VersionFilter(status == null ? null : status.name(), metric,
                minValue, maxValue), pageRequest);
    }

    @Operation(summary = "Show one version with all its evidence")
    @GetMapping("/{version}")
    public VersionView version(@PathVariable String name, @PathVariable int version) {
        return catalog.version(name, version).orElseThrow(() -> new NotFoundException(
                "Model '" + name + "' has no version " + version + "."));
    }

    @Operation(summary = "Archive a version (ML_ENGINEER), with a reason; it then takes no new actions")
    @PostMapping("/{version}/archival")
    public VersionView archive(@PathVariable String name, @PathVariable int version, @RequestBody Reason body) {
        commands.send(name, new ArchiveModelVersion(name, version, body.reason()));
        return version(name, version);
    }
}
