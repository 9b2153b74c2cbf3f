package com.acme.registry.ui.promotion;

import com.acme.registry.ui.rollout.EnvironmentChoice;
import com.acme.registry.ui.layout.UiPaths;

import com.acme.registry.model.ModelService;
import com.acme.registry.model.ModelView;
import com.acme.registry.web.PageRequest;
import com.acme.registry.model.VersionView;
import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.GovernanceProperties;
import com.acme.registry.promotion.PromotionService;
import com.acme.registry.promotion.PromotionView;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.model.VersionStatus;
import com.acme.registry.validation.NotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/** An engineer asks for a version to go to an environment, with a justification and the validation report. */
@Controller
class PromotionRequestController {

    private final ModelService models;
    private final Environments environments;
    private final PromotionService promotions;

    PromotionRequestController(ModelService models, Environments environments, PromotionService promotions) {
        this.models = models;
        this.environments = environments;
        this.promotions = promotions;
    }

    @GetMapping("/catalog/{name}/promotions/new")
    String form(@PathVariable String name, @RequestParam(required = false) Integer version, Model model) {
        ModelView registered = models.requireModel(name);
        List<VersionView> versions = models.versions(name, VersionStatus.REGISTERED, null, null, null,
                PageRequest.of(0, PageRequest.MAX_SIZE)).items();
        if (version != null && versions.stream().noneMatch(v -> v.version() == version)) {
            throw new NotFoundException("Model '" + name + "' has no version " + version + " that can be promoted.");
        }
        int approvals = promotions.approvalsRequired(RiskTier.valueOf(registered.riskTier()));
        int validity = promotions.approvalValidityDays();
        model.addAttribute("section", "catalog");
        model.addAttribute("model", registered);
        model.addAttribute("versions", versions);
        model.addAttribute("selected", version != null ? version : versions.isEmpty() ? null : versions.get(0).version());
        model.addAttribute("environments", environments.properties().environments().stream()
                .map(e -> new EnvironmentChoice(e.name(), outcome(e, registered.riskTier(), approvals, validity)))
                .toList());
        return "rollout/promotion-form";
    }

    @PostMapping("/catalog/{name}/promotions")
    String request(@PathVariable String name, @RequestParam(required = false) Integer version,
                   @RequestParam(required = false) String environment,
                   @RequestParam(required = false) String justification,
                   @RequestParam(required = false) String validationReportUri,
                   Authentication engineer, RedirectAttributes redirect) {
        String report = validationReportUri == null || validationReportUri.isBlank() ? null : validationReportUri.trim();
        PromotionView requested = promotions.request(name, version, environment, justification, report,
                engineer.getName());
        int number = requested.requestNumber();
        String env = requested.environment();
        int approvals = requested.policy().requiredApprovals();
        redirect.addFlashAttribute("flash", requested.policy().approvalRequired()
                ? "Requested promotion of v" + version + " to " + env + " (request #" + number + "): it waits "
                + "in the review queue for " + approvals + " risk-reviewer approval" + (approvals == 1 ? "" : "s") + "."
                : "Promotion of v" + version + " to " + env + " granted at once (request #" + number
                + "): you can start a rollout now.");
        return "redirect:" + UiPaths.environment(name, env);
    }

    private static String outcome(GovernanceProperties.Environment environment, String tier, int approvals,
                                  int validityDays) {
        return environment.requiresApproval()
                ? environment.name() + " needs " + approvals + " risk-reviewer approval" + (approvals == 1 ? "" : "s")
                + " for a " + tier + "-tier model, from reviewers other than you and the version's registrant; "
                + "once granted, a rollout may start within " + validityDays + " days."
                : environment.name() + " is granted at once: you can start a rollout right after the request.";
    }
}
