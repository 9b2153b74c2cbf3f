package com.acme.registry.ui.model;

import com.acme.registry.compliance.ComplianceService;
import com.acme.registry.compliance.HistoryEntry;
import com.acme.registry.model.ModelService;
import com.acme.registry.model.ModelView;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.model.VersionView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/** A model's page: what it is for, where it serves, its versions and their metrics, and its history. */
@Controller
class ModelPageController {

    static final int VERSIONS_SHOWN = 100;
    static final int HISTORY_PAGE_SIZE = 25;

    private final ModelService models;
    private final ServingNow servingNow;
    private final ComplianceService compliance;

    ModelPageController(ModelService models, ServingNow servingNow, ComplianceService compliance) {
        this.models = models;
        this.servingNow = servingNow;
        this.compliance = compliance;
    }

    @GetMapping("/catalog/{name}")
    String model(@PathVariable String name, @RequestParam(required = false) Integer history, Model model) {
        ModelView registered = models.requireModel(name);
        List<EnvironmentState> environments = servingNow.of(name);
        Page<VersionView> versions = models.versions(name, PageRequest.of(0, VERSIONS_SHOWN));
        List<VersionRow> rows = versions.items().stream().map(v -> new VersionRow(v, JsonViews.numbers(v.metrics()),
                environments.stream().flatMap(e -> e.rolesOf(v.version()).stream()).toList())).toList();

        model.addAttribute("section", "catalog");
        model.addAttribute("model", registered);
        model.addAttribute("tags", JsonViews.strings(registered.tags()));
        model.addAttribute("environments", environments);
        model.addAttribute("versions", versions);
        model.addAttribute("versionRows", rows);
        model.addAttribute("metrics", VersionMetrics.of(versions.items()));
        model.addAttribute("history", timeline(name, PageRequest.of(history, HISTORY_PAGE_SIZE)));
        return "catalog/model";
    }

    /** The model's history, newest first: people looking at a model want what happened last. */
    private Page<TimelineEntry> timeline(String name, PageRequest page) {
        Page<HistoryEntry> records = compliance.historyNewestFirst(name, page);
        return new Page<>(records.items().stream().map(TimelineEntry::of).toList(), records.page(), records.size(),
                records.totalItems(), records.totalPages());
    }
}
