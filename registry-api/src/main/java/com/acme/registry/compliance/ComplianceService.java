package com.acme.registry.compliance;

import com.acme.registry.model.ModelService;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The door to the compliance views: the inventory as of an instant with the approvals behind its champions, the
 * releases of a period, and a model's history from the audit log. Read-only.
 */
@Service
public class ComplianceService {

    private final ComplianceQueries compliance;
    private final ReleaseQueries releases;
    private final ModelService models;

    ComplianceService(ComplianceQueries compliance, ReleaseQueries releases, ModelService models) {
        this.compliance = compliance;
        this.releases = releases;
        this.models = models;
    }

    /** Every model registered at or before {@code asOf}, by name, with the champion of each of {@code environments}. */
    public Inventory inventory(Instant asOf, List<String> environments, PageRequest page) {
        return compliance.inventory(asOf, environments, page);
    }

    /** The request and approvals behind each champion of the inventory page, keyed by {@link ChampionBacking#key}. */
    public Map<String, ChampionBacking> championBacking(Inventory inventory) {
        return releases.championBacking(inventory);
    }

    /** Releases to {@code environment} in [from, to), oldest first; {@code model} optional. */
    public Page<ReleaseView> releases(String environment, Instant from, Instant to, String model, PageRequest page) {
        return releases.releases(environment, from, to, model, page);
    }

    /** The model's audit records in order (a 404 for an unknown model). */
    public Page<HistoryEntry> history(String model, PageRequest page) {
        models.requireModel(model);
        return compliance.history(model, page);
    }

    /** The model's audit records, newest first. */
    public Page<HistoryEntry> historyNewestFirst(String model, PageRequest page) {
        return compliance.historyNewestFirst(model, page);
    }

    /**
     * Oldest first, what concerned one version: its own records, the decisions on its promotion requests
     * ({@code requestNumbers}) and the rollbacks that replaced it.
     */
    public List<HistoryEntry> versionHistory(String model, int version, Set<Integer> requestNumbers) {
        return compliance.versionHistory(model, version, requestNumbers);
    }
}
