package com.acme.registry.ui.compliance;

import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.GovernanceProperties;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;

/** What every compliance page shares: the highlighted navigation entry and the configured environments. */
@ControllerAdvice(basePackageClasses = ComplianceSection.class)
class ComplianceSection {

    private final Environments environments;

    ComplianceSection(Environments environments) {
        this.environments = environments;
    }

    @ModelAttribute("section")
    String section() {
        return "compliance";
    }

    @ModelAttribute("environments")
    List<String> environments() {
        return names(environments);
    }

    static List<String> names(Environments environments) {
        return environments.properties().environments().stream().map(GovernanceProperties.Environment::name).toList();
    }
}
