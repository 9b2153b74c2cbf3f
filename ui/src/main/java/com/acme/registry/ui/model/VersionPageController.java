package com.acme.registry.ui.model;

import com.acme.registry.compliance.ComplianceService;
import com.acme.registry.model.ModelService;
import com.acme.registry.model.ModelView;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.model.VersionView;
import com.acme.registry.promotion.PromotionFilter;
import com.acme.registry.promotion.PromotionService;
import com.acme.registry.promotion.PromotionView;
import com.acme.registry.rollout.ServingView;
import com.acme.registry.lineage.LineageService;
import com.acme.registry.lineage.VersionLineage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A version's page, what a reviewer reads before deciding: its evidence, its metrics against the production
 * champion, its lineage, its promotion requests with the approvals the policy still needs, and its timeline.
 */
@Controller
class VersionPageController {

    static final int REQUEST_PAGE_SIZE = 100;

    private final ModelService models;
    private final LineageService lineage;
    private final PromotionService promotions;
    private final ServingNow servingNow;
    private final ComplianceService compliance;

    VersionPageController(ModelService models, LineageService lineage, PromotionService promotions,
                          ServingNow servingNow, ComplianceService compliance) {
        this.models = models;
        this.lineage = lineage;
        this.promotions = promotions;
        this.servingNow = servingNow;
        this.compliance = compliance;
    }

    @GetMapping("/catalog/{name}/versions/{number}")
    String version(@PathVariable String name, @PathVariable int number, Model model) {
        ModelView registered = models.requireModel(name);
        VersionView version = models.requireVersion(name, number);
        VersionLineage upstream = lineage.version(name, number);
        List<EnvironmentState> environments = servingNow.of(name);
        String releaseEnvironment = servingNow.releaseEnvironment();
        Optional<ServingView.Slot> champion = environments.stream()
                .filter(e -> e.name().equals(releaseEnvironment) && e.view() != null)
                .map(e -> e.view().champion()).filter(Objects::nonNull).findFirst();
        Optional<VersionView> reference = champion.filter(c -> c.version() != number)
                .flatMap(c -> models.version(name, c.version()));
        Map<String, Double> metrics = JsonViews.numbers(version.metrics());
        List<PromotionView> requests = requestsFor(name, number);
        Set<Integer> requestNumbers = requests.stream().map(PromotionView::requestNumber).collect(Collectors.toSet());

        model.addAttribute("section", "catalog");
        model.addAttribute("model", registered);
        model.addAttribute("version", version);
        model.addAttribute("evidence", EvidenceView.of(version));
        model.addAttribute("environments", environments);
        model.addAttribute("servingHere", environments.stream().flatMap(e -> e.rolesOf(number).stream()).toList());
        model.addAttribute("releaseEnvironment", releaseEnvironment);
        model.addAttribute("isChampion", champion.map(c -> c.version() == number).orElse(false));
        model.addAttribute("champion", reference.orElse(null));
        model.addAttribute("comparison", MetricComparison.of(metrics,
                reference.map(r -> JsonViews.numbers(r.metrics())).orElse(Map.of())));
        model.addAttribute("lineage", LineageGraph.of(upstream));
        model.addAttribute("ancestors", upstream.parentChain());
        model.addAttribute("requests", requests);
        model.addAttribute("timeline", compliance.versionHistory(name, number, requestNumbers).stream()
                .map(TimelineEntry::of).toList());
        return "catalog/version";
    }

    /** The model's promotion requests for this version, newest first (every page of them). */
    private List<PromotionView> requestsFor(String model, int version) {
        List<PromotionView> requests = new ArrayList<>();
        PromotionFilter filter = new PromotionFilter(model, null, null, null);
        int page = 0;
        Page<PromotionView> current;
        do {
            current = promotions.requests(filter, PageRequest.of(page++, REQUEST_PAGE_SIZE));
            current.items().stream().filter(r -> r.version() == version).forEach(requests::add);
        } while (page < current.totalPages());
        return requests;
    }
}
