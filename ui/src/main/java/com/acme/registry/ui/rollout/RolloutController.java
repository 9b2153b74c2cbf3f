package com.acme.registry.ui.rollout;

import com.acme.registry.ui.layout.UiPaths;

import com.acme.registry.axon.CommandSender;
import com.acme.registry.rollout.AbortRollout;
import com.acme.registry.rollout.ChangeRolloutTraffic;
import com.acme.registry.rollout.CompleteRollout;
import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.GovernanceProperties;
import com.acme.registry.rollout.RollBack;
import com.acme.registry.rollout.StartRollout;
import com.acme.registry.validation.InvalidInputException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;

/**
 * The engineer's rollout actions: a confirmation step that says what will change, then the POST that sends the
 * same command as the API's serving endpoints. The environment's approval rule comes from configuration, never
 * from the form.
 */
@Controller
@RequestMapping("/catalog/{name}/environments/{environment}")
class RolloutController {

    private final EnvironmentPages pages;
    private final RolloutPlanner planner;
    private final Environments environments;
    private final CommandSender commands;

    RolloutController(EnvironmentPages pages, RolloutPlanner planner, Environments environments,
                      CommandSender commands) {
        this.pages = pages;
        this.planner = planner;
        this.environments = environments;
        this.commands = commands;
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
        GovernanceProperties.Environment env = environments.fromPath(environment);
        if (version == null) {
            throw InvalidInputException.of("version", "is required");
        }
        if (trafficPercent == null) {
            throw InvalidInputException.of("trafficPercent", "is required: 1 to 100");
        }
        commands.send(name, new StartRollout(name, env.name(), version, trafficPercent, env.requiresApproval(),
                Instant.now()));
        return done(name, env.name(), "Started the rollout of v" + version + ": ", redirect);
    }

    @PostMapping("/rollout/traffic")
    String traffic(@PathVariable String name, @PathVariable String environment,
                   @RequestParam(required = false) Integer trafficPercent, RedirectAttributes redirect) {
        String env = environments.fromPath(environment).name();
        if (trafficPercent == null) {
            throw InvalidInputException.of("trafficPercent", "is required: 1 to 100");
        }
        commands.send(name, new ChangeRolloutTraffic(name, env, trafficPercent));
        return done(name, env, "Changed the traffic: ", redirect);
    }

    @PostMapping("/rollout/completion")
    String complete(@PathVariable String name, @PathVariable String environment, RedirectAttributes redirect) {
        String env = environments.fromPath(environment).name();
        commands.send(name, new CompleteRollout(name, env));
        return done(name, env, "Completed the rollout: ", redirect);
    }

    @PostMapping("/rollout/abort")
    String abort(@PathVariable String name, @PathVariable String environment,
                 @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        String env = environments.fromPath(environment).name();
        commands.send(name, new AbortRollout(name, env, reason));
        return done(name, env, "Aborted the rollout: ", redirect);
    }

    @PostMapping("/rollback")
    String rollBack(@PathVariable String name, @PathVariable String environment,
                    @RequestParam(required = false) String reason, Authentication engineer,
                    RedirectAttributes redirect) {
        GovernanceProperties.Environment env = environments.fromPath(environment);
        commands.send(name, new RollBack(name, env.name(), reason, env.requiresApproval(), engineer.getName()));
        return done(name, env.name(), env.requiresApproval()
                ? "Emergency rollback done; a risk reviewer will acknowledge it. " : "Rolled back: ", redirect);
    }

    private String done(String name, String environment, String what, RedirectAttributes redirect) {
        String now = TrafficSplit.of(pages.current(name, environment)).sentence(environment);
        redirect.addFlashAttribute("flash", what + now);
        return "redirect:" + UiPaths.environment(name, environment);
    }
}
