package com.acme.registry.lineage;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


/** Lineage: upstream of a version (what it was made from, where it served), downstream of a dataset. */
@RestController
@Tag(name = "Lineage", description = "What a version was made from and where it served; what used a dataset")
class LineageController {

    private final LineageService lineage;

    LineageController(LineageService lineage) {
        this.lineage = lineage;
    }

    @Operation(summary = "Upstream of a version: datasets with their roles, training run, source commit, features, "
            + "the parent chain to the root, and every interval it served in each environment")
    @GetMapping("/api/v1/models/{name}/versions/{version}/lineage")
    public VersionLineage version(@PathVariable String name, @PathVariable int version) {
        return lineage.version(name, version);
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
        return lineage.usages(datasetName, version, digest, role, pageRequest);
    }
}
