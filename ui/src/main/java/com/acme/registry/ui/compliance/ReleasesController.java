package com.acme.registry.ui.compliance;

import com.acme.registry.ui.layout.Pager;
import com.acme.registry.ui.layout.UiInstants;

import com.acme.registry.ui.audit.AuditCriteria;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.audit.AuditService;
import com.acme.registry.compliance.ComplianceService;
import com.acme.registry.compliance.ReleaseView;
import com.acme.registry.promotion.Environments;
import com.acme.registry.validation.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Each time a version became an environment's champion in a period, with the request, approvals, policy,
 * evidence, rollback and exceptions behind it. The period defaults to the last 30 days (whole UTC days).
 */
@Controller
class ReleasesController {

    static final int PAGE_SIZE = 10;
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private final ComplianceService compliance;
    private final Environments environments;
    private final AuditService audit;

    ReleasesController(ComplianceService compliance, Environments environments, AuditService audit) {
        this.compliance = compliance;
        this.environments = environments;
        this.audit = audit;
    }

    @GetMapping("/compliance/releases")
    String releases(@RequestParam(required = false) String from,
                    @RequestParam(required = false) String to,
                    @RequestParam(required = false) String environment,
                    @RequestParam(required = false) String model,
                    @RequestParam(required = false) Integer page,
                    Model view) {
        Instant start = UiInstants.parse("from", from);
        Instant end = UiInstants.parse("to", to);
        if (end == null) {
            end = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (start == null) {
            start = end.minus(DEFAULT_PERIOD);
        }
        if (!start.isBefore(end)) {
            throw InvalidInputException.of("to", "must be after from (the period is [from, to))");
        }
        String env = environments.fromBody(AuditCriteria.trimmed(environment) == null ? "production"
                : environment.strip()).name();
        String only = AuditCriteria.trimmed(model);
        PageRequest request = Pager.request(page, PAGE_SIZE);
        Page<ReleaseView> releases = compliance.releases(env, start, end, only, request);
        Instant periodStart = start;
        Instant periodEnd = end;
        view.addAttribute("releases", releases);
        view.addAttribute("from", periodStart);
        view.addAttribute("to", periodEnd);
        view.addAttribute("environment", env);
        view.addAttribute("model", only);
        view.addAttribute("models", audit.models());
        view.addAttribute("pager", Pager.of(request, releases.totalItems(), releases.items().size(),
                p -> link(periodStart, periodEnd, env, only, p)));
        return "compliance/releases";
    }

    private static String link(Instant from, Instant to, String environment, String model, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/compliance/releases")
                .queryParam("from", UiInstants.text(from))
                .queryParam("to", UiInstants.text(to))
                .queryParam("environment", environment);
        if (model != null) {
            uri.queryParam("model", model);
        }
        return uri.queryParam("page", page).encode().build().toUriString();
    }
}
