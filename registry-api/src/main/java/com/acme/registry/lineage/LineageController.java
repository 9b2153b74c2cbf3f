package com.acme.registry.lineage;

import com.acme.registry.model.CatalogQueries;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.validation.Limits;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.Violations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;

/** Lineage: upstream of a version (what it was made from, where it served), downstream of a dataset. */
@RestController
@Tag(name = "Lineage", description = "What a version was made from and where it served; what used a dataset")
public class LineageController {

    private static final Set<String> ROLES = Set.of("training", "validation", "test");

    private final LineageQueries lineage;
    private final CatalogQueries catalog;

    public LineageController(LineageQueries lineage, CatalogQueries catalog) {
        this.lineage = lineage;
        this.catalog = catalog;
    }

    @Operation(summary = "Upstream of a version: datasets with their roles, training run, source commit, features, "
            + "the parent chain to the root, and every interval it served in each environment")
    @GetMapping("/api/v1/models/{name}/versions/{version}/lineage")
    public VersionLineage version(@PathVariable String name, @PathVariable int version) {
        catalog.requireModel(name);
        return lineage.version(name, version).orElseThrow(() ->
                new NotFoundException("Model '" + name + "' has no version " + version + "."));
    }

    @Operation(summary = "Downstream of a dataset: every version trained, validated or tested on it, newest first, "
            + "and where each serves now — the impact list when a data problem is found")
    @GetMapping("/api/v1/lineage/datasets/{datasetName}")
    public Page<DatasetUsage> dataset(
            @PathVariable String datasetName,
            @Parameter(description = "only this version of the dataset") @RequestParam(required = false) String version,
            @Parameter(description = "only the dataset with this digest, sha256:<64 hex>")
            @RequestParam(required = false) String digest,
            @Parameter(description = "only where it had this role: training, validation or test")
            @RequestParam(required = false) String role,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        PageRequest pageRequest = PageRequest.of(page, size);
        Violations v = new Violations();
        v.required(datasetName, "datasetName", Limits.NAME);
        v.check(version == null || !version.isBlank(), "version", "must not be blank when given");
        v.maxLength(version, "version", Limits.SHORT_TEXT);
        v.digest(digest, "digest");
        v.check(role == null || ROLES.contains(role), "role", "must be one of training, validation, test (was '"
                + role + "')");
        v.throwIfAny();
        return lineage.usages(new LineageQueries.DatasetFilter(datasetName, version, digest, role), pageRequest);
    }
}
