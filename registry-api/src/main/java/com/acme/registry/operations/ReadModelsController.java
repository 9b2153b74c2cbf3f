package com.acme.registry.operations;

import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.axon.AxonProcessingConfiguration;
import com.acme.registry.operations.rebuild.ReadModelRebuild;
import com.acme.registry.validation.RuleViolationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** ADMIN operations on read models: their freshness, and a rebuild from the event store. */
@RestController
@RequestMapping("/api/v1/admin/read-models")
@Tag(name = "Administration")
class ReadModelsController {

    /** Rebuilt from the event store; the audit log is not (it is append-only and holds security events). */
    static final List<String> REBUILDABLE = List.of(AxonProcessingConfiguration.READ_MODELS);
    private static final long REBUILD_WAIT_MILLIS = 60_000;

    private final ProjectionFreshness freshness;
    private final ReadModelRebuild rebuild;
    private final SecurityAudit audit;

    public ReadModelsController(ProjectionFreshness freshness, ReadModelRebuild rebuild, SecurityAudit audit) {
        this.freshness = freshness;
        this.rebuild = rebuild;
        this.audit = audit;
    }

    /**
     * @param rebuild the rebuild in progress ({@code running} true), else the last one this registry process
     *                completed, else null
     */
    public record Freshness(List<ProjectionFreshness.GroupStatus> groups, ProjectionFreshness.AuditCompleteness audit,
                            ReadModelRebuild.Status rebuild) {
    }

    @Operation(summary = "Each projection's position against the head of the event store, and the rebuild's progress")
    @GetMapping
    public Freshness freshness() {
        return new Freshness(freshness.groups(), freshness.audit(), rebuild.status().orElse(null));
    }

    @Operation(summary = "Rebuild every read model from the event store (not the audit log), beside the live ones: "
            + "reads keep answering with the state before the rebuild, writes keep working, and the rebuilt tables "
            + "take over in one transaction once caught up. Answers 200 once they have, or 202 (Location: the "
            + "progress) if the rebuild still runs after 60 s. A request while a rebuild runs joins it")
    @PostMapping("/rebuild")
    public ResponseEntity<Freshness> rebuild(Authentication admin) throws InterruptedException {
        ReadModelRebuild.Request request = rebuild.startOrJoin(admin.getName());
        audit.act(admin.getName(), "ReadModelsRebuilt", Map.of("groups", REBUILDABLE,
                "rebuild", request.started() ? "started" : "joined"));
        try {
            request.completion().get(REBUILD_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return ResponseEntity.ok(freshness());
        } catch (TimeoutException e) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/admin/read-models"))
                    .body(freshness());
        } catch (CancellationException e) {
            throw new RuleViolationException("rebuild-cancelled",
                    "The rebuild was cancelled before it finished; the read models are the ones from before it.");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the rebuild failed", e.getCause());
        }
    }

    @Operation(summary = "Cancel the rebuild in progress: the live read models stay as they are, the rebuild's copy is "
            + "dropped. 409 when no rebuild runs")
    @DeleteMapping("/rebuild")
    public Freshness cancel(Authentication admin) {
        if (!rebuild.cancel()) {
            throw new RuleViolationException("no-rebuild-running", "No read-model rebuild is in progress.");
        }
        audit.act(admin.getName(), "ReadModelsRebuildCancelled", Map.of("groups", REBUILDABLE));
        return freshness();
    }
}
