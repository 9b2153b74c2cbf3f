package com.acme.registry.rollout;

import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.GovernanceProperties;

import com.acme.registry.model.CatalogQueries;
import com.acme.registry.axon.CommandSender;
import com.acme.registry.web.Reason;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.Violations;
import com.acme.registry.web.InstantParameter;
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
import java.time.Instant;
import java.util.List;

/** What serves where (the hot path), and the rollouts and rollbacks that change it. */
@RestController
@RequestMapping("/api/v1/models/{name}/environments")
@Tag(name = "Serving", description = "Serving state, rollouts and rollbacks per environment")
public class ServingController {

    private final CommandSender commands;
    private final ServingQueries serving;
    private final CatalogQueries catalog;
    private final Environments environments;

    public ServingController(CommandSender commands, ServingQueries serving, CatalogQueries catalog,
                             Environments environments) {
        this.commands = commands;
        this.serving = serving;
        this.catalog = catalog;
        this.environments = environments;
    }

    public record RolloutBody(Integer version, Integer trafficPercent) {
    }

    public record TrafficBody(Integer trafficPercent) {
    }

    @Operation(summary = "What serves the model in every environment")
    @GetMapping
    public List<ServingView> all(@PathVariable String name) {
        requireModel(name);
        return environments.properties().environments().stream()
                .map(e -> state(name, e.name(), null)).toList();
    }

    @Operation(summary = "Which version serves the model in this environment: champion, rollout candidate and "
            + "traffic split; with asOf, the state at that instant and the approvals each version had")
    @GetMapping("/{environment}")
    public ServingView state(@PathVariable String name, @PathVariable String environment,
                             @Parameter(description = "ISO-8601 instant (2026-03-03T14:05:00Z), or a date meaning "
                                     + "its start in UTC (2026-03-03); not in the future")
                             @RequestParam(required = false) String asOf) {
        String env = environments.fromPath(environment).name();
        Instant at = InstantParameter.pointInTime("asOf", asOf);
        if (at != null) {
            requireModel(name);
            return serving.asOf(name, env, at);
        }
        return serving.current(name, env).orElseGet(() -> {
            requireModel(name);
            return new ServingView(name, env, null, false, null, null);
        });
    }

    @Operation(summary = "Start a rollout (ML_ENGINEER) at a traffic percentage; where approval is needed the "
            + "version needs a granted, unexpired promotion request")
    @PostMapping("/{environment}/rollout")
    public ResponseEntity<ServingView> start(@PathVariable String name, @PathVariable String environment,
                                             @RequestBody RolloutBody body) {
        GovernanceProperties.Environment env = environments.fromPath(environment);
        Violations missing = new Violations();
        missing.check(body.version() != null, "version", "is required");
        missing.check(body.trafficPercent() != null, "trafficPercent", "is required: 1 to 100");
        missing.throwIfAny();
        commands.send(name, new StartRollout(name, env.name(), body.version(), body.trafficPercent(),
                env.requiresApproval(), Instant.now()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/models/" + name + "/environments/" + env.name()))
                .body(state(name, env.name(), null));
    }

    @Operation(summary = "Change the rollout's traffic percentage (ML_ENGINEER)")
    @PostMapping("/{environment}/rollout/traffic")
    public ServingView traffic(@PathVariable String name, @PathVariable String environment,
                               @RequestBody TrafficBody body) {
        String env = environments.fromPath(environment).name();
        if (body.trafficPercent() == null) {
            throw InvalidInputException.of("trafficPercent", "is required: 1 to 100");
        }
        commands.send(name, new ChangeRolloutTraffic(name, env, body.trafficPercent()));
        return state(name, env, null);
    }

    @Operation(summary = "Complete the rollout (ML_ENGINEER): the version becomes the champion")
    @PostMapping("/{environment}/rollout/completion")
    public ServingView complete(@PathVariable String name, @PathVariable String environment) {
        String env = environments.fromPath(environment).name();
        commands.send(name, new CompleteRollout(name, env));
        return state(name, env, null);
    }

    @Operation(summary = "Abort the rollout (ML_ENGINEER), with a reason: all traffic back to the champion")
    @PostMapping("/{environment}/rollout/abort")
    public ServingView abort(@PathVariable String name, @PathVariable String environment, @RequestBody Reason body) {
        String env = environments.fromPath(environment).name();
        commands.send(name, new AbortRollout(name, env, body.reason()));
        return state(name, env, null);
    }

    @Operation(summary = "Roll back to the previous champion (ML_ENGINEER), with a reason; where approval is "
            + "needed this is an emergency rollback, flagged until a risk reviewer acknowledges it")
    @PostMapping("/{environment}/rollback")
    public ServingView rollBack(@PathVariable String name, @PathVariable String environment, @RequestBody Reason body,
                                Authentication principal) {
        GovernanceProperties.Environment env = environments.fromPath(environment);
        commands.send(name, new RollBack(name, env.name(), body.reason(), env.requiresApproval(),
                principal.getName()));
        return state(name, env.name(), null);
    }

    private void requireModel(String name) {
        catalog.requireModel(name);
    }
}
