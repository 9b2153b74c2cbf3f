package com.acme.registry.operations;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /actuator/health/projections}: DOWN when a projection is stopped or failing (with the failure: processor,
 * positions, error, since when), or when the audit log,
 * caught up with the head, has fewer records than the event store has events (an event was skipped).
 */
@Component("projections")
public class ProjectionsHealthIndicator implements HealthIndicator {

    private final ProjectionFreshness freshness;

    public ProjectionsHealthIndicator(ProjectionFreshness freshness) {
        this.freshness = freshness;
    }

    @Override
    public Health health() {
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        boolean auditCaughtUp = false;
        for (ProjectionFreshness.GroupStatus group : freshness.groups()) {
            Map<String, Object> status = new LinkedHashMap<>(Map.of("position", group.position(), "head", group.head(),
                    "lag", group.lag(), "running", group.running(), "error", group.error(),
                    "replaying", group.replaying()));
            if (group.failure() != null) {
                status.put("failure", group.failure());
            }
            details.put(group.group(), status);
            up &= group.running() && !group.error();
            if (group.group().equals("audit")) {
                auditCaughtUp = group.lag() == 0;
            }
        }
        ProjectionFreshness.AuditCompleteness audit = freshness.audit();
        details.put("auditLog", Map.of("eventsStored", audit.eventsStored(), "eventsRecorded", audit.eventsRecorded()));
        if (auditCaughtUp && !audit.complete()) {
            up = false;
            details.put("problem", "the audit log has caught up with the event store but misses "
                    + (audit.eventsStored() - audit.eventsRecorded()) + " event(s): a projection skipped events");
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
