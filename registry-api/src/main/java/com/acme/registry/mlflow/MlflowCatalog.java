package com.acme.registry.mlflow;

import com.acme.registry.axon.WriteNotYetVisibleException;
import com.acme.registry.model.CatalogQuery;
import com.acme.registry.model.ModelService;
import com.acme.registry.model.ModelView;
import com.acme.registry.model.VersionStatus;
import com.acme.registry.model.VersionView;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What MLflow's reads ask of the catalog, through the model door, with MLflow's paging and not-found answers. */
@Component
class MlflowCatalog {

    private final ModelService models;
    private final MlflowViews views;
    private final GovernedNames governed;

    MlflowCatalog(ModelService models, MlflowViews views, GovernedNames governed) {
        this.models = models;
        this.views = views;
        this.governed = governed;
    }

    /**
     * Runs a write whose events, once committed, are the answer: when the read models lag behind them, the write
     * still succeeded, and MLflow's client knows no 202, so the caller answers as for any success.
     */
    static void committed(Runnable write) {
        try {
            write.run();
        } catch (WriteNotYetVisibleException committed) {
            // committed; the read models show it within moments
        }
    }

    ModelView requireModel(String name) {
        return models.model(name).orElseThrow(() -> new MlflowException(MlflowErrorCode.RESOURCE_DOES_NOT_EXIST,
                "Registered Model with name=" + name + " not found"));
    }

    VersionView requireVersion(String name, int version) {
        requireModel(name);
        return models.version(name, version).orElseThrow(() -> new MlflowException(
                MlflowErrorCode.RESOURCE_DOES_NOT_EXIST, "Model Version (name=" + name + ", version=" + version
                + ") not found"));
    }

    Map<String, Object> searchModels(String filter, Long maxResults, List<String> orderBy, String pageToken) {
        SqlCondition condition = MlflowFilter.forModels(filter);
        int limit = MlflowPageToken.maxResults(maxResults, MlflowPageToken.MODELS_MAX_RESULTS_DEFAULT, MlflowPageToken.MODELS_MAX_RESULTS_LIMIT);
        int offset = MlflowPageToken.decode(pageToken);
        List<ModelView> found = models.search(new CatalogQuery(condition.sql(), condition.args(),
                MlflowOrderBy.forModels(orderBy), limit + 1, offset));
        List<ModelView> page = found.subList(0, Math.min(limit, found.size()));
        MlflowViews.Champions champions = views.champions(page.stream().map(ModelView::name).toList());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("registered_models", page.stream().map(m -> views.model(m, List.of(), champions)).toList());
        if (found.size() > limit) {
            json.put("next_page_token", MlflowPageToken.encode(offset + limit));
        }
        return json;
    }

    Map<String, Object> searchVersions(String filter, Long maxResults, List<String> orderBy, String pageToken) {
        SqlCondition condition = MlflowFilter.forVersions(filter);
        int limit = MlflowPageToken.maxResults(maxResults, MlflowPageToken.VERSIONS_MAX_RESULTS_DEFAULT,
                MlflowPageToken.VERSIONS_MAX_RESULTS_LIMIT);
        int offset = MlflowPageToken.decode(pageToken);
        List<VersionView> found = models.searchVersions(new CatalogQuery(condition.sql(), condition.args(),
                MlflowOrderBy.forVersions(orderBy), limit + 1, offset));
        List<VersionView> page = found.subList(0, Math.min(limit, found.size()));
        MlflowViews.Champions champions = views.champions(page.stream().map(VersionView::modelName).distinct().toList());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_versions", page.stream().map(v -> views.version(v, champions)).toList());
        if (found.size() > limit) {
            json.put("next_page_token", MlflowPageToken.encode(offset + limit));
        }
        return json;
    }

    /**
     * The latest version in each of {@code stages} (every stage when empty), as MLflow's get-latest-versions: an
     * environment's stage answers its champion, Archived the newest archived version, None the newest version that
     * is neither archived nor any staged environment's champion.
     */
    List<VersionView> latestVersions(ModelView model, List<String> stages, MlflowViews.Champions champions) {
        List<String> wanted = stages.isEmpty() ? governed.allStages()
                : stages.stream().map(governed::canonicalStage).distinct().toList();
        Map<String, Integer> serving = champions.of(model.name());
        List<VersionView> latest = new ArrayList<>();
        for (String stage : wanted) {
            Optional<VersionView> found;
            if (stage.equals(GovernedNames.ARCHIVED)) {
                found = newest(model.name(), VersionStatus.ARCHIVED, v -> true);
            } else if (stage.equals(GovernedNames.NONE)) {
                found = newest(model.name(), VersionStatus.REGISTERED,
                        v -> views.stage(v, serving).equals(GovernedNames.NONE));
            } else {
                String environment = governed.environmentOfStage(stage).orElseThrow();
                Integer champion = serving.get(environment);
                found = champion == null ? Optional.empty() : models.version(model.name(), champion)
                        .filter(v -> views.stage(v, serving).equals(stage));
            }
            found.ifPresent(latest::add);
        }
        return latest;
    }

    private Optional<VersionView> newest(String model, VersionStatus status,
                                         java.util.function.Predicate<VersionView> accepted) {
        for (int page = 0; ; page++) {
            Page<VersionView> versions = models.versions(model, status, null, null, null,
                    PageRequest.of(page, PageRequest.MAX_SIZE));
            Optional<VersionView> found = versions.items().stream().filter(accepted).findFirst();
            if (found.isPresent() || page + 1 >= versions.totalPages()) {
                return found;
            }
        }
    }
}
