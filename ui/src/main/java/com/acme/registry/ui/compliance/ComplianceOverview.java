package com.acme.registry.ui.compliance;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.audit.AuditLogHead;
import com.acme.registry.audit.AuditService;
import com.acme.registry.compliance.ComplianceService;
import com.acme.registry.compliance.Inventory;
import com.acme.registry.compliance.InventoryEntry;
import com.acme.registry.compliance.ReleaseView;
import com.acme.registry.promotion.Environments;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The figures at the top of the compliance start page, all as of one instant. */
@Component
class ComplianceOverview {

    static final Duration RECENT = Duration.ofDays(30);
    static final String PRODUCTION = "production";
    private static final int BATCH = PageRequest.MAX_SIZE;

    private final ComplianceService compliance;
    private final Environments environments;
    private final AuditService audit;

    ComplianceOverview(ComplianceService compliance, Environments environments, AuditService audit) {
        this.compliance = compliance;
        this.environments = environments;
        this.audit = audit;
    }

    /** Models now, production releases of the last 30 days (those with an exception listed), the audit log. */
    record Figures(Instant at, long models, long retired, long highTier, long servingProduction, long releases,
                   long rollbacks, List<ReleaseView> flagged, AuditLogHead log) {
    }

    Figures at(Instant now) {
        long models = 0;
        long retired = 0;
        long high = 0;
        long serving = 0;
        Inventory inventory;
        int page = 0;
        do {
            inventory = compliance.inventory(now, ComplianceSection.names(environments), PageRequest.of(page++, BATCH));
            for (InventoryEntry entry : inventory.items()) {
                models++;
                retired += "RETIRED".equals(entry.status()) ? 1 : 0;
                high += "HIGH".equals(entry.riskTier()) ? 1 : 0;
                serving += entry.champions().get(PRODUCTION) != null ? 1 : 0;
            }
        } while (page < inventory.totalPages());
        List<ReleaseView> releases = recentProductionReleases(now);
        return new Figures(now, models, retired, high, serving, releases.size(),
                releases.stream().filter(r -> "ROLLBACK".equals(r.kind())).count(),
                releases.stream().filter(r -> !r.exceptions().isEmpty()).toList(), audit.head());
    }

    private List<ReleaseView> recentProductionReleases(Instant now) {
        List<ReleaseView> releases = new ArrayList<>();
        if (!ComplianceSection.names(environments).contains(PRODUCTION)) {
            return releases;
        }
        Page<ReleaseView> batch;
        int page = 0;
        do {
            batch = compliance.releases(PRODUCTION, now.minus(RECENT), now, null, PageRequest.of(page++, BATCH));
            releases.addAll(batch.items());
        } while (page < batch.totalPages());
        return releases;
    }
}
