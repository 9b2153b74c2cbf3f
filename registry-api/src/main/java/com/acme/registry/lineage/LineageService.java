package com.acme.registry.lineage;

import com.acme.registry.model.ModelService;
import com.acme.registry.validation.Limits;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.Violations;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.stereotype.Service;

import java.util.Set;

/** The door to lineage: upstream of a version, downstream of a dataset. Read-only. */
@Service
public class LineageService {

    private static final Set<String> ROLES = Set.of("training", "validation", "test");

    private final LineageQueries lineage;
    private final ModelService models;

    LineageService(LineageQueries lineage, ModelService models) {
        this.lineage = lineage;
        this.models = models;
    }

    /** What the version was made from and where it served; a 404 naming the model or the version it lacks. */
    public VersionLineage version(String model, int version) {
        models.requireModel(model);
        return lineage.version(model, version).orElseThrow(() ->
                new NotFoundException("Model '" + model + "' has no version " + version + "."));
    }

    /**
     * Every version that used the dataset, newest first, optionally only its {@code version}, {@code digest} or
     * {@code role} (training, validation or test); every invalid criterion refused at once.
     */
    public Page<DatasetUsage> usages(String datasetName, String version, String digest, String role,
                                     PageRequest page) {
        Violations v = new Violations();
        v.required(datasetName, "datasetName", Limits.NAME);
        v.check(version == null || !version.isBlank(), "version", "must not be blank when given");
        v.maxLength(version, "version", Limits.SHORT_TEXT);
        v.digest(digest, "digest");
        v.check(role == null || ROLES.contains(role), "role", "must be one of training, validation, test (was '"
                + role + "')");
        v.throwIfAny();
        return lineage.usages(new LineageQueries.DatasetFilter(datasetName, version, digest, role), page);
    }
}
