package com.acme.registry.compliance;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.GovernanceProperties;
import com.acme.registry.validation.Violations;
import com.acme.registry.web.InstantParameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Read-only views for compliance officers and auditors (COMPLIANCE, ADMIN): inventory, releases, history. */
@RestController
@RequestMapping("/api/v1/compliance")
@Tag(name = "Compliance", description = "Model inventory as of any date, production releases with their approvals "
        + "and exceptions, and the full history of a model (COMPLIANCE, ADMIN)")
class ComplianceController {

    private static final String REQUIRED_INSTANT = "is required: an ISO-8601 instant, e.g. 2026-03-03T14:05:00Z, "
            + "or a date (2026-03-03: its start in UTC)";

    private final ComplianceService compliance;
    private final Environments environments;

    ComplianceController(ComplianceService compliance, Environments environments) {
        this.compliance = compliance;
        this.environments = environments;
    }

    @Operation(summary = "Every model registered at or before asOf, retired ones included, as it stood then: owner, "
            + "risk tier, status, version count, champion per environment and the last approval")
    @GetMapping("/inventory")
    public Inventory inventory(
            @Parameter(description = "ISO-8601 instant, or a date meaning its start in UTC; not in the future; "
                    + "default now") @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        PageRequest pageRequest = PageRequest.of(page, size);
        Violations v = new Violations();
        Instant at = asOf == null || asOf.isBlank() ? Instant.now() : InstantParameter.pointInTime(v, "asOf", asOf);
        v.throwIfAny();
        return compliance.inventory(at, environments.properties().environments().stream()
                .map(GovernanceProperties.Environment::name).toList(), pageRequest);
    }

    @Operation(summary = "Each time a version became champion of an environment in [from, to) — by a completed "
            + "rollout or a rollback — with its request, approvals, policy in force, evidence and exceptions "
            + "(EMERGENCY_ROLLBACK_UNACKNOWLEDGED, APPROVED_AFTER_RELEASE); oldest first")
    @GetMapping("/releases")
    public Page<ReleaseView> releases(
            @Parameter(description = "ISO-8601 instant or a date (its start in UTC), inclusive; required")
            @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 instant or a date (its start in UTC), exclusive; required; may be in "
                    + "the future") @RequestParam(required = false) String to,
            @Parameter(description = "default production") @RequestParam(required = false) String environment,
            @Parameter(description = "only this model") @RequestParam(required = false) String model,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        PageRequest pageRequest = PageRequest.of(page, size);
        Violations v = new Violations();
        Instant start = null;
        Instant end = null;
        if (v.check(from != null && !from.isBlank(), "from", REQUIRED_INSTANT)) {
            start = InstantParameter.bound(v, "from", from);
        }
        if (v.check(to != null && !to.isBlank(), "to", REQUIRED_INSTANT)) {
            end = InstantParameter.bound(v, "to", to);
        }
        if (start != null && end != null) {
            v.check(start.isBefore(end), "to", "must be after from (the period is [from, to))");
        }
        v.throwIfAny();
        String env = environments.fromBody(environment == null ? "production" : environment).name();
        return compliance.releases(env, start, end, model, pageRequest);
    }

    @Operation(summary = "The full history of one model from the audit log, in order: every event with actor, time, "
            + "reason and correlation id")
    @GetMapping("/models/{name}/history")
    public Page<HistoryEntry> history(@PathVariable String name,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        PageRequest pageRequest = PageRequest.of(page, size);
        return compliance.history(name, pageRequest);
    }

}
