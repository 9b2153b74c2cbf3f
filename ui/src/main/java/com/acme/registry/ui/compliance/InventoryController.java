package com.acme.registry.ui.compliance;

import com.acme.registry.ui.layout.Pager;
import com.acme.registry.ui.layout.UiInstants;

import com.acme.registry.ui.audit.AuditCriteria;

import com.acme.registry.web.PageRequest;
import com.acme.registry.compliance.ComplianceService;
import com.acme.registry.compliance.Inventory;
import com.acme.registry.promotion.Environments;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.util.List;

/** Every model as it stood at an instant: what served in each environment, at what traffic, the last approval. */
@Controller
class InventoryController {

    static final int PAGE_SIZE = 20;

    private final ComplianceService compliance;
    private final Environments environments;

    InventoryController(ComplianceService compliance, Environments environments) {
        this.compliance = compliance;
        this.environments = environments;
    }

    @GetMapping("/compliance/inventory")
    String inventory(@RequestParam(required = false) String asOf,
                     @RequestParam(required = false) String environment,
                     @RequestParam(required = false) Integer page,
                     Model model) {
        Instant at = UiInstants.parsePointInTime("asOf", asOf);
        boolean now = at == null;
        Instant instant = now ? Instant.now() : at;
        String only = AuditCriteria.trimmed(environment) == null ? null
                : environments.fromBody(environment.strip()).name();
        PageRequest request = Pager.request(page, PAGE_SIZE);
        List<String> allEnvironments = ComplianceSection.names(environments);
        Inventory inventory = compliance.inventory(instant, only == null ? allEnvironments : List.of(only), request);
        model.addAttribute("inventory", inventory);
        model.addAttribute("backing", compliance.championBacking(inventory));
        model.addAttribute("columns", only == null ? allEnvironments : List.of(only));
        model.addAttribute("asOfNow", now);
        model.addAttribute("asOfInput", UiInstants.minutes(instant));
        model.addAttribute("environment", only);
        model.addAttribute("pager", Pager.of(request, inventory.totalItems(), inventory.items().size(),
                p -> link(instant, only, p)));
        return "compliance/inventory";
    }

    private static String link(Instant asOf, String environment, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/compliance/inventory");
        uri.queryParam("asOf", UiInstants.text(asOf));
        if (environment != null) {
            uri.queryParam("environment", environment);
        }
        return uri.queryParam("page", page).encode().build().toUriString();
    }
}
