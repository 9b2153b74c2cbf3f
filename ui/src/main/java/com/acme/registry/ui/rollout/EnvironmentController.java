package com.acme.registry.ui.rollout;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** One model in one environment: what serves, the way it got there, and (for engineers) what may be done next. */
@Controller
class EnvironmentController {

    private final EnvironmentPages pages;

    EnvironmentController(EnvironmentPages pages) {
        this.pages = pages;
    }

    @GetMapping("/catalog/{name}/environments/{environment}")
    String environment(@PathVariable String name, @PathVariable String environment, Model model) {
        model.addAttribute("section", "catalog");
        model.addAttribute("page", pages.page(name, environment));
        return "rollout/environment";
    }
}
