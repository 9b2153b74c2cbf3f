package com.acme.registry.mlflow;

import com.acme.registry.axon.WriteNotYetVisibleException;
import com.acme.registry.model.ModelService;
import com.acme.registry.model.TrainingRun;
import com.acme.registry.model.VersionEvidence;
import com.acme.registry.model.VersionView;
import com.acme.registry.validation.RuleViolationException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static com.acme.registry.mlflow.MlflowPaths.AJAX;
import static com.acme.registry.mlflow.MlflowPaths.API;
import static com.acme.registry.mlflow.MlflowViews.DIGEST_TAG;
import static com.acme.registry.mlflow.MlflowViews.FRAMEWORK_TAG;

/**
 * MLflow's {@code model-versions/*} calls. A version registered here may lack the evidence MLflow has no field for
 * (the artifact's digest, its framework): the tags {@code registry.artifact_digest} and {@code registry.framework}
 * supply it, at creation or later, once. Stages are rollouts or archival; nothing is deleted.
 */
@Hidden
@RestController
@RequestMapping({API + "/model-versions", AJAX + "/model-versions"})
class MlflowVersionsController {

    private final ModelService models;
    private final MlflowViews views;
    private final MlflowCatalog catalog;
    private final GovernedAliases governedAliases;
    private final GovernedNames governed;

    MlflowVersionsController(ModelService models, MlflowViews views, MlflowCatalog catalog,
                             GovernedAliases governedAliases, GovernedNames governed) {
        this.models = models;
        this.views = views;
        this.catalog = catalog;
        this.governedAliases = governedAliases;
        this.governed = governed;
    }

    @RequestMapping(path = "/create", method = RequestMethod.POST)
    Map<String, Object> create(HttpServletRequest http, @RequestBody(required = false) JsonNode body,
                               Authentication principal) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        String source = request.required("source");
        Map<String, String> tags = new LinkedHashMap<>(request.tags());
        String digest = tags.remove(DIGEST_TAG);
        String framework = tags.remove(FRAMEWORK_TAG);
        refuseOtherRegistryTags(tags);
        String runId = emptyToNull(request.optional("run_id"));
        String runLink = emptyToNull(request.optional("run_link"));
        VersionEvidence evidence = new VersionEvidence(source, digest, null, framework, null, null, null,
                runId == null && runLink == null ? null : new TrainingRun(runId, runLink), null, null, null, null,
                emptyToNull(request.optional("description")), tags);
        catalog.requireModel(name);
        int version;
        try {
            version = models.registerVersionWithPartialEvidence(name, evidence, principal.getName());
        } catch (WriteNotYetVisibleException committed) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", name);
            json.put("version", String.valueOf(committed.result()));
            json.put("creation_timestamp", Instant.now().toEpochMilli());
            json.put("user_id", principal.getName());
            json.put("current_stage", GovernedNames.NONE);
            json.put("source", source);
            json.put("status", "READY");
            return Map.of("model_version", json);
        }
        return Map.of("model_version", views.version(catalog.requireVersion(name, version), views.champions(name)));
    }

    @RequestMapping(path = "/get", method = RequestMethod.GET)
    Map<String, Object> get(HttpServletRequest http) {
        MlflowRequest request = MlflowRequest.of(http, null);
        VersionView version = catalog.requireVersion(request.required("name"), request.version("version"));
        return Map.of("model_version", views.version(version, views.champions(version.modelName())));
    }

    @RequestMapping(path = "/search", method = RequestMethod.GET)
    Map<String, Object> search(HttpServletRequest http) {
        MlflowRequest request = MlflowRequest.of(http, null);
        return catalog.searchVersions(request.optional("filter"), request.maxResults(), request.all("order_by"),
                request.optional("page_token"));
    }

    @RequestMapping(path = "/update", method = RequestMethod.PATCH)
    Map<String, Object> update(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        int number = request.version("version");
        catalog.requireVersion(name, number);
        MlflowCatalog.committed(() -> models.changeVersionDescription(name, number, request.optional("description")));
        return Map.of("model_version", views.version(catalog.requireVersion(name, number), views.champions(name)));
    }

    @RequestMapping(path = "/delete", method = RequestMethod.DELETE)
    Map<String, Object> delete(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        int number = request.version("version");
        catalog.requireVersion(name, number);
        throw new MlflowException(MlflowErrorCode.INVALID_STATE, "Nothing is deleted from this registry: version "
                + number + " of model '" + name + "' stays on record. To make sure it is never used again, archive "
                + "it: transition it to stage 'Archived' (or POST /api/v1/models/" + name + "/versions/" + number
                + "/archival with a reason).");
    }

    @RequestMapping(path = "/set-tag", method = RequestMethod.POST)
    Map<String, Object> setTag(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        int number = request.version("version");
        String key = request.required("key");
        String value = Optional.ofNullable(request.optional("value")).orElse("");
        catalog.requireVersion(name, number);
        if (key.equals(DIGEST_TAG) || key.equals(FRAMEWORK_TAG)) {
            MlflowCatalog.committed(() -> models.completeEvidence(name, number,
                    key.equals(DIGEST_TAG) ? value : null, key.equals(FRAMEWORK_TAG) ? value : null));
            return Map.of();
        }
        refuseOtherRegistryTags(Map.of(key, value));
        MlflowCatalog.committed(() -> models.setVersionTag(name, number, key, value));
        return Map.of();
    }

    @RequestMapping(path = "/delete-tag", method = RequestMethod.DELETE)
    Map<String, Object> deleteTag(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        int number = request.version("version");
        String key = request.required("key");
        catalog.requireVersion(name, number);
        if (key.startsWith("registry.")) {
            throw new MlflowException(MlflowErrorCode.INVALID_STATE, "Tag '" + key + "' shows the version's "
                    + "registered evidence, which never changes; it cannot be removed.");
        }
        try {
            MlflowCatalog.committed(() -> models.deleteVersionTag(name, number, key));
        } catch (com.acme.registry.validation.NotFoundException absent) {
            // as MLflow: removing a tag the version does not have changes nothing and succeeds
        }
        return Map.of();
    }

    @RequestMapping(path = "/transition-stage", method = RequestMethod.POST)
    Map<String, Object> transitionStage(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        int number = request.version("version");
        String stage = governed.canonicalStage(request.required("stage"));
        boolean archiveExisting = request.flag("archive_existing_versions");
        VersionView version = catalog.requireVersion(name, number);
        Optional<String> environment = governed.environmentOfStage(stage);
        if (environment.isPresent()) {
            Integer previous = views.champions(name).of(name).get(environment.get());
            governedAliases.makeChampion(name, environment.get(), number, "stage", stage);
            if (archiveExisting && previous != null && previous != number) {
                archiveIfUnused(name, previous, stage, number);
            }
        } else if (stage.equals(GovernedNames.ARCHIVED)) {
            if (!"ARCHIVED".equals(version.status())) {
                MlflowCatalog.committed(() -> models.archive(name, number, "Transitioned to stage 'Archived' through "
                        + "MLflow's client."));
            }
        } else {
            String current = views.stage(version, views.champions(name).of(name));
            if (!current.equals(GovernedNames.NONE)) {
                throw new MlflowException(MlflowErrorCode.INVALID_STATE, "Version " + number + " is in stage '"
                        + current + "' and cannot go back to 'None': " + (current.equals(GovernedNames.ARCHIVED)
                        ? "an archived version is never used again." : "a champion cannot be withdrawn; roll back "
                        + "or make another version the champion."));
            }
        }
        return Map.of("model_version", views.version(catalog.requireVersion(name, number), views.champions(name)));
    }

    /** MLflow's archive_existing_versions: the champion replaced is archived, unless it still serves elsewhere. */
    private void archiveIfUnused(String name, int previous, String stage, int replacedBy) {
        try {
            MlflowCatalog.committed(() -> models.archive(name, previous, "Replaced in stage '" + stage + "' by version "
                    + replacedBy + " (MLflow's archive_existing_versions)."));
        } catch (RuleViolationException stillServes) {
            // serving-in-environment: it still serves in another environment, so it stays as it is
        }
    }

    @RequestMapping(path = "/get-download-uri", method = RequestMethod.GET)
    Map<String, Object> downloadUri(HttpServletRequest http) {
        MlflowRequest request = MlflowRequest.of(http, null);
        VersionView version = catalog.requireVersion(request.required("name"), request.version("version"));
        if ("ARCHIVED".equals(version.status())) {
            throw new MlflowException(MlflowErrorCode.INVALID_STATE, "Version " + version.version() + " of model '"
                    + version.modelName() + "' is archived and must not be used again; its artifact is not handed out "
                    + "for loading (auditors find it in /api/v1/models/" + version.modelName() + "/versions/"
                    + version.version() + ").");
        }
        return Map.of("artifact_uri", version.artifactUri());
    }

    private static void refuseOtherRegistryTags(Map<String, String> tags) {
        tags.keySet().stream().filter(key -> key.startsWith("registry.")).findFirst().ifPresent(key -> {
            throw MlflowException.invalid("Tag '" + key + "' is not one the registry reads: a version takes "
                    + DIGEST_TAG + " ('sha256:' and 64 hex characters) and " + FRAMEWORK_TAG + ".");
        });
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
