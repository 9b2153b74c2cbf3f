package com.acme.registry.operations;

import com.acme.registry.audit.AuditEntry;
import com.acme.registry.audit.AuditLog;
import com.acme.registry.axon.AxonProcessingConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** ADMIN operations on read models: their freshness, and a rebuild from the event store. */
@RestController
@RequestMapping("/api/v1/admin/read-models")
@Tag(name = "Administration")
public class ReadModelsController {

    /** Rebuilt from the event store; the audit log is not (it is append-only and holds security events). */
    static final List<String> REBUILDABLE = List.of(AxonProcessingConfiguration.READ_MODELS);
    private static final long REBUILD_WAIT_MILLIS = 60_000;

    private final Configuration axon;
    private final ProjectionFreshness freshness;
    private final AuditLog audit;

    public ReadModelsController(Configuration axon, ProjectionFreshness freshness, AuditLog audit) {
        this.axon = axon;
        this.freshness = freshness;
        this.audit = audit;
    }

    public record Freshness(List<ProjectionFreshness.GroupStatus> groups, ProjectionFreshness.AuditCompleteness audit) {
    }

    @Operation(summary = "Each projection's position against the head of the event store")
    @GetMapping
    public Freshness freshness() {
        return new Freshness(freshness.groups(), freshness.audit());
    }

    @Operation(summary = "Rebuild every read model from the event store (not the audit log). The registry keeps "
            + "serving (reads see the read models fill up again; writes wait until their own events are projected). "
            + "Answers 200 once caught up, or 202 if the replay still runs after 60 s")
    @PostMapping("/rebuild")
    public ResponseEntity<Freshness> rebuild(Authentication admin) throws InterruptedException {
        List<StreamingEventProcessor> processors = REBUILDABLE.stream().map(group -> axon.eventProcessingConfiguration()
                .eventProcessor(group, StreamingEventProcessor.class).orElseThrow()).toList();
        // all at once: a processor waiting for new events takes up to a second to notice that it should stop
        CompletableFuture.allOf(processors.stream().map(StreamingEventProcessor::shutdownAsync)
                .toArray(CompletableFuture[]::new)).join();
        for (StreamingEventProcessor processor : processors) {
            processor.resetTokens();
            processor.start();
        }
        audit.appendAlone(new AuditEntry(null, Instant.now(), admin.getName(), "ReadModelsRebuilt", null, null, null,
                null, MDC.get("correlationId"), "{\"groups\":[\"" + String.join("\",\"", REBUILDABLE) + "\"]}"));
        long deadline = System.currentTimeMillis() + REBUILD_WAIT_MILLIS;
        while (!caughtUp() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        return ResponseEntity.status(caughtUp() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(freshness());
    }

    private boolean caughtUp() {
        return freshness.groups().stream().allMatch(g -> g.lag() == 0);
    }
}
