package com.acme.registry.ui.model;

import com.acme.registry.model.ModelService;
import com.acme.registry.model.ModelView;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.GovernanceProperties;
import com.acme.registry.rollout.RolloutService;
import com.acme.registry.rollout.ServingView;
import com.acme.registry.model.ModelStatus;
import com.acme.registry.promotion.RiskTier;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalog: every model with its risk tier and what serves it where. The filter form is a plain GET form;
 * with htmx it swaps only the results and pushes the canonical URL, so a filtered view can be bookmarked either way.
 */
@Controller
class CatalogController {

    static final int PAGE_SIZE = 20;

    private final ModelService models;
    private final RolloutService rollouts;
    private final Environments environments;

    CatalogController(ModelService models, RolloutService rollouts, Environments environments) {
        this.models = models;
        this.rollouts = rollouts;
        this.environments = environments;
    }

    @GetMapping("/catalog")
    String catalog(@RequestParam(required = false) String name, @RequestParam(required = false) String team,
                   @RequestParam(required = false) RiskTier tier, @RequestParam(required = false) ModelStatus status,
                   @RequestParam(required = false) Integer page,
                   @RequestHeader(name = "HX-Request", required = false) String htmx,
                   @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
                   Model model, HttpServletResponse response) {
        CatalogSearch search = new CatalogSearch(name, team, tier, status);
        PageRequest pageRequest = PageRequest.of(page, PAGE_SIZE);
        Page<ModelView> models = this.models.models(search.query(), pageRequest);
        List<String> environmentNames = environments.properties().environments().stream()
                .map(GovernanceProperties.Environment::name).toList();
        Map<String, Map<String, ServingView>> serving = rollouts.currentOf(models.items().stream()
                .map(ModelView::name).toList());
        List<CatalogRow> rows = models.items().stream().map(m -> {
            Map<String, ServingView> byEnvironment = serving.getOrDefault(m.name(), Map.of());
            List<ServingView> cells = new ArrayList<>();
            environmentNames.forEach(e -> cells.add(byEnvironment.get(e)));
            return new CatalogRow(m, cells);
        }).toList();

        model.addAttribute("section", "catalog");
        model.addAttribute("search", search);
        model.addAttribute("models", models);
        model.addAttribute("rows", rows);
        model.addAttribute("environments", environmentNames);
        model.addAttribute("tiers", RiskTier.values());
        model.addAttribute("statuses", ModelStatus.values());
        model.addAttribute("teams", teams(search));

        boolean partial = "true".equals(htmx) && !"true".equals(historyRestore);
        model.addAttribute("partial", partial);
        response.addHeader("Vary", "HX-Request");
        if (partial) {
            response.setHeader("HX-Push-Url", search.url(pageRequest.page()));
            return "catalog/catalog :: results";
        }
        return "catalog/catalog";
    }

    /** The teams that have models, and the one asked for even if it has none, so the form shows the filter. */
    private List<String> teams(CatalogSearch search) {
        List<String> teams = new ArrayList<>(models.ownerTeams());
        if (search.team() != null && !teams.contains(search.team())) {
            teams.add(search.team());
        }
        return teams;
    }
}
