package com.acme.registry.compliance;

import java.time.Instant;
import java.util.Map;

/**
 * One model of the inventory as it stood at an instant: status, versions, the champion of every configured
 * environment (null where none served) and the last approval given by then.
 */
public record InventoryEntry(
        String name,
        String ownerTeam,
        String riskTier,
        String status,
        String registeredBy,
        Instant registeredAt,
        Instant retiredAt,
        int versionCount,
        Integer latestVersion,
        Map<String, Champion> champions,
        LastApproval lastApproval) {

    /** The champion of one environment at the instant: since when it held that role, its traffic share then. */
    public record Champion(int version, Instant since, int trafficPercent) {
    }

    public record LastApproval(String approvedBy, Instant approvedAt, String comment, int requestNumber, int version,
                               String environment) {
    }
}
