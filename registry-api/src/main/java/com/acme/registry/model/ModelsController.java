package com.acme.registry.model;

import com.acme.registry.promotion.RiskTier;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;

import com.acme.registry.validation.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Registered model families")
class ModelsController {

    private final ModelService models;

    ModelsController(ModelService models) {
        this.models = models;
    }

    @Operation(summary = "Register a model (ML_ENGINEER); the name is a slug, unique forever")
    @PostMapping
    public ResponseEntity<ModelView> register(@RequestBody ModelRegistration body, Authentication principal) {
        ModelView registered = models.register(body.name(), body.toDescription(), principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/models/" + body.name())).body(registered);
    }

    @Operation(summary = "Search models; every filter is optional; paged, ordered by name")
    @GetMapping
    public Page<ModelView> search(
            @Parameter(description = "name starts with") @RequestParam(required = false) String namePrefix,
            @RequestParam(required = false) String ownerTeam,
            @RequestParam(required = false) RiskTier riskTier,
            @Parameter(description = "'key' (has the tag) or 'key:value'") @RequestParam(required = false) String tag,
            @RequestParam(required = false) ModelStatus status,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        String tagKey = null;
        String tagValue = null;
        if (tag != null) {
            int colon = tag.indexOf(':');
            tagKey = colon < 0 ? tag : tag.substring(0, colon);
            tagValue = colon < 0 ? null : tag.substring(colon + 1);
            if (tagKey.isBlank()) {
                throw InvalidInputException.of("tag", "must be 'key' or 'key:value'");
            }
        }
        return models.models(new ModelSearch(namePrefix, ownerTeam,
                riskTier == null ? null : riskTier.name(), tagKey, tagValue, status == null ? null : status.name()),
                PageRequest.of(page, size));
    }

    @Operation(summary = "Show one model with its latest version, version count and status")
    @GetMapping("/{name}")
    public ModelView model(@PathVariable String name) {
        return models.requireModel(name);
    }

    /** Body of a retirement: why, and whether the caller retires a model that still serves on purpose. */
    public record Retirement(String reason, Boolean whileServing) {
    }

    @Operation(summary = "Retire a model (ML_ENGINEER), with a reason; it then takes no new versions, requests or "
            + "rollout changes. While it serves somewhere this is a 409 serving-in-environment naming the "
            + "environments, unless whileServing is true (the environments are then recorded with the retirement)")
    @PostMapping("/{name}/retirement")
    public ModelView retire(@PathVariable String name, @RequestBody Retirement body) {
        return models.retire(name, body.reason(), body.whileServing());
    }
}
