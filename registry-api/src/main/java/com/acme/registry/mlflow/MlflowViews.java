package com.acme.registry.mlflow;

import com.acme.registry.model.ModelView;
import com.acme.registry.model.VersionView;
import com.acme.registry.rollout.RolloutService;
import com.acme.registry.rollout.ServingView;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry's models and versions in MLflow's JSON: snake_case, versions as strings, times in epoch
 * milliseconds, tags as {@code [{key, value}]}, unset fields left out. A governed alias or stage shows the
 * environment's champion; the evidence MLflow has no field for shows as {@code registry.*} tags.
 */
@Component
class MlflowViews {

    static final String DIGEST_TAG = "registry.artifact_digest";
    static final String FRAMEWORK_TAG = "registry.framework";

    private final RolloutService rollouts;
    private final GovernedNames governed;

    MlflowViews(RolloutService rollouts, GovernedNames governed) {
        this.rollouts = rollouts;
        this.governed = governed;
    }

    /** environment → champion version, per model: what governed aliases and stages answer. */
    record Champions(Map<String, Map<String, Integer>> byModel) {
        Map<String, Integer> of(String model) {
            return byModel.getOrDefault(model, Map.of());
        }
    }

    Champions champions(List<String> models) {
        Map<String, Map<String, Integer>> champions = new HashMap<>();
        rollouts.currentOf(models).forEach((model, environments) -> environments.forEach((env, view) -> {
            ServingView.Slot champion = view.champion();
            if (champion != null) {
                champions.computeIfAbsent(model, m -> new HashMap<>()).put(env, champion.version());
            }
        }));
        return new Champions(champions);
    }

    Champions champions(String model) {
        return champions(List.of(model));
    }

    Map<String, Object> model(ModelView model, List<Map<String, Object>> latestVersions, Champions champions) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", model.name());
        json.put("creation_timestamp", millis(model.registeredAt()));
        json.put("last_updated_timestamp", millis(lastUpdated(model.lastUpdatedAt(), model.registeredAt())));
        json.put("user_id", model.registeredBy());
        putIfPresent(json, "description", model.description());
        if (latestVersions != null && !latestVersions.isEmpty()) {
            json.put("latest_versions", latestVersions);
        }
        List<Map<String, Object>> tags = tags(model.tags(), Map.of());
        if (!tags.isEmpty()) {
            json.put("tags", tags);
        }
        List<Map<String, Object>> aliases = new ArrayList<>();
        allAliases(model.name(), model.aliases(), champions).forEach((alias, version) ->
                aliases.add(Map.of("alias", alias, "version", String.valueOf(version))));
        if (!aliases.isEmpty()) {
            json.put("aliases", aliases);
        }
        return json;
    }

    Map<String, Object> version(VersionView version, Champions champions) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", version.modelName());
        json.put("version", String.valueOf(version.version()));
        json.put("creation_timestamp", millis(version.registeredAt()));
        json.put("last_updated_timestamp", millis(lastUpdated(version.lastUpdatedAt(), version.registeredAt())));
        json.put("user_id", version.registeredBy());
        json.put("current_stage", stage(version, champions.of(version.modelName())));
        putIfPresent(json, "description", version.description());
        json.put("source", version.artifactUri());
        JsonNode run = version.trainingRun();
        if (run != null && run.hasNonNull("id")) {
            json.put("run_id", run.get("id").asString());
        }
        json.put("status", "READY");
        Map<String, String> evidence = new LinkedHashMap<>();
        if (version.artifactDigest() != null) {
            evidence.put(DIGEST_TAG, version.artifactDigest());
        }
        if (version.framework() != null) {
            evidence.put(FRAMEWORK_TAG, version.framework());
        }
        List<Map<String, Object>> tags = tags(version.tags(), evidence);
        if (!tags.isEmpty()) {
            json.put("tags", tags);
        }
        if (run != null && run.hasNonNull("uri")) {
            json.put("run_link", run.get("uri").asString());
        }
        List<String> aliases = new ArrayList<>();
        Map<String, Integer> free = new TreeMap<>();
        version.aliases().forEach(alias -> free.put(alias, version.version()));
        allAliases(version.modelName(), free, champions).forEach((alias, v) -> {
            if (v == version.version()) {
                aliases.add(alias);
            }
        });
        if (!aliases.isEmpty()) {
            json.put("aliases", aliases);
        }
        return json;
    }

    /** The stage MLflow shows: Archived, the highest environment the version is champion of, or None. */
    String stage(VersionView version, Map<String, Integer> champions) {
        if ("ARCHIVED".equals(version.status())) {
            return GovernedNames.ARCHIVED;
        }
        for (String environment : governed.stagedEnvironmentsHighestFirst()) {
            Integer champion = champions.get(environment);
            if (champion != null && champion == version.version()) {
                return governed.stageOf(environment).orElseThrow();
            }
        }
        return GovernedNames.NONE;
    }

    /** Free aliases and, for each governed alias whose environment has a champion, that champion; by alias. */
    Map<String, Integer> allAliases(String model, Map<String, Integer> free, Champions champions) {
        Map<String, Integer> all = new TreeMap<>(free == null ? Map.of() : free);
        Map<String, Integer> serving = champions.of(model);
        governed.aliases().forEach((alias, environment) -> {
            Integer champion = serving.get(environment);
            if (champion != null) {
                all.put(alias, champion);
            }
        });
        return all;
    }

    private static List<Map<String, Object>> tags(JsonNode stored, Map<String, String> extra) {
        Map<String, String> all = new TreeMap<>();
        if (stored != null) {
            stored.properties().forEach(e -> all.put(e.getKey(), e.getValue().asString()));
        }
        all.putAll(extra);
        List<Map<String, Object>> tags = new ArrayList<>();
        all.forEach((key, value) -> tags.add(Map.of("key", key, "value", value)));
        return tags;
    }

    private static Instant lastUpdated(Instant lastUpdated, Instant registered) {
        return lastUpdated != null ? lastUpdated : registered;
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static void putIfPresent(Map<String, Object> json, String field, Object value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
