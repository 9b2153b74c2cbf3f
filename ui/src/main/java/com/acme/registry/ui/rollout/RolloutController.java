package com.acme.registry.ui.rollout;

import com.acme.registry.promotion.Environments;
import com.acme.registry.rollout.RolloutService;
import com.acme.registry.rollout.ServingView;
import com.acme.registry.ui.layout.UiPaths;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The engineer's rollout actions: a confirmation step that says what will change, then the POST that goes through
 * the same {@link RolloutService} as the API's serving endpoints. The environment's approval rule comes from
 * configuration, never from the form; the model's aggregate decides whether the action is allowed.
 */
@Controller
@RequestMapping("/catalog/{name}/environments/{environment}")
class RolloutController {

    private final EnvironmentPages pages;
    private final RolloutPlanner planner;
    private final Environments environments;
    private final RolloutService rollouts;

    RolloutController(EnvironmentPages pages, RolloutPlanner planner, Environments environments,
                      RolloutService rollouts) {
        this.pages = pages;
        this.planner = planner;
        this.environments = environments;
        this.rollouts = rollouts;
    }

    @GetMapping("/confirm/{step}")
    String confirm(@PathVariable String name, @PathVariable String environment, @PathVariable String step,
                   @RequestParam(required = false) Integer version,
                   @RequestParam(required = false) Integer trafficPercent,
                   @RequestParam(required = false) String mode,
                   @RequestParam(required = false) String reason, Model model) {
        RolloutAction action = RolloutAction.ofStep(step);
        EnvironmentPage page = pages.page(name, environment);
        model.addAttribute("section", "catalog");
        model.addAttribute("page", page);
        model.addAttribute("change", planner.plan(action, page, version, trafficPercent, mode, reason));
        model.addAttribute("postTo", UiPaths.environment(name, page.environment().name()) + "/" + action.postPath());
        return "rollout/confirm";
    }

    @PostMapping("/rollout")
    String start(@PathVariable String name, @PathVariable String environment,
                 @RequestParam(required = false) Integer version,
                 @RequestParam(required = false) Integer trafficPercent, RedirectAttributes redirect) {
        ServingView now = rollouts.start(name, environment, version, trafficPercent);
        return done(now, "Started the rollout of v" + version + ": ", redirect);
    }

    @PostMapping("/rollout/traffic")
    String traffic(@PathVariable String name, @PathVariable String environment,
                   @RequestParam(required = false) Integer trafficPercent, RedirectAttributes redirect) {
        return done(rollouts.changeTraffic(name, environment, trafficPercent), "Changed the traffic: ", redirect);
    }

    @PostMapping("/rollout/completion")
    String complete(@PathVariable String name, @PathVariable String environment, RedirectAttributes redirect) {
        return done(rollouts.complete(name, environment), "Completed the rollout: ", redirect);
    }

    @PostMapping("/rollout/abort")
    String abort(@PathVariable String name, @PathVariable String environment,
                 @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return done(rollouts.abort(name, environment, reason), "Aborted the rollout: ", redirect);
    }

    @PostMapping("/rollback")
    String rollBack(@PathVariable String name, @PathVariable String environment,
                    @RequestParam(required = false) String reason, Authentication engineer,
                    RedirectAttributes redirect) {
        boolean emergency = environments.fromPath(environment).requiresApproval();
        ServingView now = rollouts.rollBack(name, environment, reason, engineer.getName());
        return done(now, emergency ? "Emergency rollback done; a risk reviewer will acknowledge it. "
                : "Rolled back: ", redirect);
    }

    private String done(ServingView now, String what, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flash", what + TrafficSplit.of(now).sentence(now.environment()));
        return "redirect:" + UiPaths.environment(now.modelName(), now.environment());
    }
}
