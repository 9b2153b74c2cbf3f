package com.acme.registry.mlflow;

import com.acme.registry.axon.WriteNotYetVisibleException;
import com.acme.registry.model.ModelDescription;
import com.acme.registry.model.ModelService;
import com.acme.registry.model.ModelView;
import com.acme.registry.model.VersionView;
import com.acme.registry.promotion.RiskTier;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static com.acme.registry.mlflow.MlflowPaths.AJAX;
import static com.acme.registry.mlflow.MlflowPaths.API;

/**
 * MLflow's {@code registered-models/*} calls over the model and rollout doors. Every change is an event with the
 * caller as actor; governed aliases are rollouts; nothing is deleted or renamed.
 */
@Hidden // MLflow's own REST reference documents this surface; docs/mlflow.md says what differs
@RestController
@RequestMapping({API + "/registered-models", AJAX + "/registered-models"})
class MlflowModelsController {

    private static final String OWNER_TEAM_TAG = "registry.owner_team";
    private static final String RISK_TIER_TAG = "registry.risk_tier";
    private static final String INTENDED_USE_TAG = "registry.intended_use";
    private static final String USE_RESTRICTIONS_TAG = "registry.use_restrictions";
    static final String DEFAULT_INTENDED_USE = "Not stated: registered through MLflow's client without the "
            + INTENDED_USE_TAG + " tag.";

    private final ModelService models;
    private final MlflowViews views;
    private final MlflowCatalog catalog;
    private final GovernedAliases governedAliases;
    private final MlflowProperties properties;

    MlflowModelsController(ModelService models, MlflowViews views, MlflowCatalog catalog,
                           GovernedAliases governedAliases, MlflowProperties properties) {
        this.models = models;
        this.views = views;
        this.catalog = catalog;
        this.governedAliases = governedAliases;
        this.properties = properties;
    }

    @RequestMapping(path = "/create", method = RequestMethod.POST)
    Map<String, Object> create(HttpServletRequest http, @RequestBody(required = false) JsonNode body,
                               Authentication principal) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        Map<String, String> tags = request.tags();
        ModelDescription description = description(request.optional("description"), tags);
        try {
            ModelView model = models.register(name, description, principal.getName());
            return Map.of("registered_model", views.model(model, List.of(), views.champions(name)));
        } catch (WriteNotYetVisibleException committed) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", name);
            model.put("creation_timestamp", Instant.now().toEpochMilli());
            model.put("user_id", principal.getName());
            return Map.of("registered_model", model);
        } catch (RuleViolationException e) {
            if ("model-name-taken".equals(e.rule())) {
                throw new MlflowException(MlflowErrorCode.RESOURCE_ALREADY_EXISTS,
                        "Registered Model (name=" + name + ") already exists. " + e.getMessage());
            }
            throw e;
        }
    }

    /** The registry's own facts of a model come from registry.* tags, or the defaults; the other tags stay tags. */
    private ModelDescription description(String text, Map<String, String> tags) {
        Map<String, String> plain = new LinkedHashMap<>(tags);
        String ownerTeam = plain.remove(OWNER_TEAM_TAG);
        String riskTier = plain.remove(RISK_TIER_TAG);
        String intendedUse = plain.remove(INTENDED_USE_TAG);
        String useRestrictions = plain.remove(USE_RESTRICTIONS_TAG);
        plain.keySet().stream().filter(key -> key.startsWith("registry.")).findFirst().ifPresent(key -> {
            throw MlflowException.invalid("Tag '" + key + "' is not one the registry reads: a model takes "
                    + String.join(", ", OWNER_TEAM_TAG, RISK_TIER_TAG, INTENDED_USE_TAG, USE_RESTRICTIONS_TAG) + ".");
        });
        RiskTier tier = properties.defaultRiskTier();
        if (riskTier != null) {
            try {
                tier = RiskTier.valueOf(riskTier.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw MlflowException.invalid("Tag '" + RISK_TIER_TAG + "' must be one of HIGH, MEDIUM, LOW; got '"
                        + riskTier + "'.");
            }
        }
        return new ModelDescription(text, ownerTeam != null ? ownerTeam : properties.defaultOwnerTeam(), tier,
                intendedUse != null ? intendedUse : DEFAULT_INTENDED_USE, useRestrictions, plain);
    }

    @RequestMapping(path = "/get", method = RequestMethod.GET)
    Map<String, Object> get(HttpServletRequest http) {
        String name = MlflowRequest.of(http, null).required("name");
        ModelView model = catalog.requireModel(name);
        MlflowViews.Champions champions = views.champions(name);
        List<Map<String, Object>> latest = catalog.latestVersions(model, List.of(), champions).stream()
                .map(v -> views.version(v, champions)).toList();
        return Map.of("registered_model", views.model(model, latest, champions));
    }

    @RequestMapping(path = "/search", method = RequestMethod.GET)
    Map<String, Object> search(HttpServletRequest http) {
        MlflowRequest request = MlflowRequest.of(http, null);
        return catalog.searchModels(request.optional("filter"), request.maxResults(), request.all("order_by"),
                request.optional("page_token"));
    }

    @RequestMapping(path = "/update", method = RequestMethod.PATCH)
    Map<String, Object> update(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        catalog.requireModel(name);
        MlflowCatalog.committed(() -> models.changeModelDescription(name, request.optional("description")));
        return Map.of("registered_model", views.model(catalog.requireModel(name), List.of(), views.champions(name)));
    }

    @RequestMapping(path = "/rename", method = RequestMethod.POST)
    Map<String, Object> rename(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        catalog.requireModel(name);
        throw new MlflowException(MlflowErrorCode.INVALID_STATE, "Registered models are never renamed: a model's "
                + "name is its identity in the audit trail and is never reused, also after retirement. Register a "
                + "model under the new name and retire '" + name + "' (POST /api/v1/models/" + name
                + "/retirement with a reason).");
    }

    @RequestMapping(path = "/delete", method = RequestMethod.DELETE)
    Map<String, Object> delete(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        catalog.requireModel(name);
        throw new MlflowException(MlflowErrorCode.INVALID_STATE, "Nothing is deleted from this registry: model '"
                + name + "' and its history stay on record. To stop its use, retire it (POST /api/v1/models/" + name
                + "/retirement with a reason), or archive single versions (transition them to stage 'Archived').");
    }

    @RequestMapping(path = "/set-tag", method = RequestMethod.POST)
    Map<String, Object> setTag(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        String key = request.required("key");
        String value = Optional.ofNullable(request.optional("value")).orElse("");
        catalog.requireModel(name);
        MlflowCatalog.committed(() -> models.setModelTag(name, key, value));
        return Map.of();
    }

    @RequestMapping(path = "/delete-tag", method = RequestMethod.DELETE)
    Map<String, Object> deleteTag(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        String key = request.required("key");
        catalog.requireModel(name);
        try {
            MlflowCatalog.committed(() -> models.deleteModelTag(name, key));
        } catch (com.acme.registry.validation.NotFoundException absent) {
            // as MLflow: removing a tag the model does not have changes nothing and succeeds
        }
        return Map.of();
    }

    @RequestMapping(path = "/get-latest-versions", method = {RequestMethod.GET, RequestMethod.POST})
    Map<String, Object> latestVersions(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        ModelView model = catalog.requireModel(request.required("name"));
        MlflowViews.Champions champions = views.champions(model.name());
        List<VersionView> latest = catalog.latestVersions(model, request.all("stages"), champions);
        return Map.of("model_versions", latest.stream().map(v -> views.version(v, champions)).toList());
    }

    @RequestMapping(path = "/alias", method = RequestMethod.POST)
    Map<String, Object> setAlias(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        String alias = request.required("alias");
        int version = request.version("version");
        catalog.requireModel(name);
        governedAliases.set(name, alias, version);
        return Map.of();
    }

    @RequestMapping(path = "/alias", method = RequestMethod.GET)
    Map<String, Object> getAlias(HttpServletRequest http) {
        MlflowRequest request = MlflowRequest.of(http, null);
        String name = request.required("name");
        String alias = request.required("alias");
        catalog.requireModel(name);
        VersionView version = governedAliases.resolve(name, alias);
        return Map.of("model_version", views.version(version, views.champions(name)));
    }

    @RequestMapping(path = "/alias", method = RequestMethod.DELETE)
    Map<String, Object> deleteAlias(HttpServletRequest http, @RequestBody(required = false) JsonNode body) {
        MlflowRequest request = MlflowRequest.of(http, body);
        String name = request.required("name");
        String alias = request.required("alias");
        catalog.requireModel(name);
        governedAliases.delete(name, alias);
        return Map.of();
    }
}
