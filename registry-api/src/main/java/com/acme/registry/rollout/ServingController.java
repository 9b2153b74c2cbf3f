package com.acme.registry.rollout;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** What serves where (the hot path), and the rollouts and rollbacks that change it. */
@RestController
@RequestMapping("/api/v1/models/{name}/environments")
@Tag(name = "Serving", description = "Serving state, rollouts and rollbacks per environment")
class ServingController {

    private final RolloutService rollouts;

    ServingController(RolloutService rollouts) {
        this.rollouts = rollouts;
    }

    public record RolloutBody(Integer version, Integer trafficPercent) {
    }

    public record TrafficBody(Integer trafficPercent) {
    }

    @Operation(summary = "What serves the model in every environment")
    @GetMapping
    public List<ServingView> all(@PathVariable String name) {
        return rollouts.everywhere(name);
    }

    @Operation(summary = "Which version serves the model in this environment: champion, rollout candidate and "
            + "traffic split; with asOf, the state at that instant and the approvals each version had")
    @GetMapping("/{environment}")
    public ServingView state(@PathVariable String name, @PathVariable String environment,
                             @Parameter(description = "ISO-8601 instant (2026-03-03T14:05:00Z), or a date meaning "
                                     + "its start in UTC (2026-03-03); not in the future")
                             @RequestParam(required = false) String asOf) {
        return rollouts.state(name, environment, asOf);
    }

    @Operation(summary = "Start a rollout (ML_ENGINEER) at a traffic percentage; where approval is needed the "
            + "version needs a granted, unexpired promotion request")
    @PostMapping("/{environment}/rollout")
    public ResponseEntity<ServingView> start(@PathVariable String name, @PathVariable String environment,
                                             @RequestBody RolloutBody body) {
        ServingView started = rollouts.start(name, environment, body.version(), body.trafficPercent());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/models/" + name + "/environments/" + started.environment()))
                .body(started);
    }

    @Operation(summary = "Change the rollout's traffic percentage (ML_ENGINEER)")
    @PostMapping("/{environment}/rollout/traffic")
    public ServingView traffic(@PathVariable String name, @PathVariable String environment,
                               @RequestBody TrafficBody body) {
        return rollouts.changeTraffic(name, environment, body.trafficPercent());
    }

    @Operation(summary = "Complete the rollout (ML_ENGINEER): the version becomes the champion")
    @PostMapping("/{environment}/rollout/completion")
    public ServingView complete(@PathVariable String name, @PathVariable String environment) {
        return rollouts.complete(name, environment);
    }

    @Operation(summary = "Abort the rollout (ML_ENGINEER), with a reason: all traffic back to the champion")
    @PostMapping("/{environment}/rollout/abort")
    public ServingView abort(@PathVariable String name, @PathVariable String environment, @RequestBody Reason body) {
        return rollouts.abort(name, environment, body.reason());
    }

    @Operation(summary = "Roll back to the previous champion (ML_ENGINEER), with a reason; where approval is "
            + "needed this is an emergency rollback, flagged until a risk reviewer acknowledges it")
    @PostMapping("/{environment}/rollback")
    public ServingView rollBack(@PathVariable String name, @PathVariable String environment, @RequestBody Reason body,
                                Authentication principal) {
        return rollouts.rollBack(name, environment, body.reason(), principal.getName());
    }
}
