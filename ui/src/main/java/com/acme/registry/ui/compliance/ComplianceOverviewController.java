package com.acme.registry.ui.compliance;

import com.acme.registry.audit.AuditService;
import com.acme.registry.web.PageRequest;
import com.acme.registry.compliance.ComplianceService;
import com.acme.registry.compliance.Inventory;
import com.acme.registry.promotion.Environments;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.Instant;

/** The start page of compliance staff: the state of things now, and the way to each compliance view. */
@Controller
class ComplianceOverviewController {

    private final ComplianceOverview overview;
    private final ComplianceService compliance;
    private final Environments environments;
    private final AuditService audit;

    ComplianceOverviewController(ComplianceOverview overview, ComplianceService compliance,
                                 Environments environments, AuditService audit) {
        this.overview = overview;
        this.compliance = compliance;
        this.environments = environments;
        this.audit = audit;
    }

    @GetMapping("/compliance")
    String overview(Model view) {
        Instant now = Instant.now();
        PageRequest first = PageRequest.of(0, InventoryController.PAGE_SIZE);
        Inventory inventory = compliance.inventory(now, ComplianceSection.names(environments), first);
        view.addAttribute("figures", overview.at(now));
        view.addAttribute("inventory", inventory);
        view.addAttribute("backing", compliance.championBacking(inventory));
        view.addAttribute("columns", ComplianceSection.names(environments));
        view.addAttribute("keyId", audit.keyId());
        return "compliance/overview";
    }
}
