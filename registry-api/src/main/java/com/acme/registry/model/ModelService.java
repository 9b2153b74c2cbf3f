package com.acme.registry.model;

import com.acme.registry.axon.CommandSender;
import com.acme.registry.axon.WriteNotYetVisibleException;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.web.idempotency.IdempotencyInterceptor;
import com.acme.registry.web.idempotency.IdempotencyKeyReusedException;
import com.acme.registry.web.idempotency.IdempotencyKeys;
import com.acme.registry.web.idempotency.RequestFingerprint;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The door to the model catalog: registers models and versions, retires and archives them (each command built here
 * and sent with read-your-writes), and answers what the catalog shows.
 */
@Service
public class ModelService {

    private final CommandSender commands;
    private final CatalogQueries catalog;
    private final IdempotencyKeys idempotencyKeys;
    private final RequestFingerprint fingerprint;

    ModelService(CommandSender commands, CatalogQueries catalog, IdempotencyKeys idempotencyKeys,
                 RequestFingerprint fingerprint) {
        this.commands = commands;
        this.catalog = catalog;
        this.idempotencyKeys = idempotencyKeys;
        this.fingerprint = fingerprint;
    }

    // ---- commands ----

    /** Registers a model and answers it as the catalog shows it. */
    public ModelView register(String name, ModelDescription description, String registrant) {
        // every broken field at once, before the command goes out (the aggregate checks again)
        RegisterModel.validate(name, description);
        commands.send(name, new RegisterModel(name, description, registrant));
        return requireModel(name);
    }

    /** Registers the next version; answers its number. */
    public int registerVersion(String model, VersionEvidence evidence, String registrant) {
        return commands.send(model, versionCommand(model, evidence, registrant));
    }

    /** The number of a registered version, and whether it was registered by an earlier request with the same key. */
    public record RegisteredVersion(int version, boolean replayed) {
    }

    /**
     * Registers the next version from an API body. With an idempotency key, a retry of the same command answers the
     * first result and registers nothing; the same key with another command is refused.
     */
    public RegisteredVersion registerVersion(String model, VersionRegistration body, String idempotencyKey,
                                             String registrant) {
        RegisterModelVersion command = versionCommand(model, body.toEvidence(), registrant);
        if (idempotencyKey == null) {
            int version = commands.send(model, command);
            return new RegisteredVersion(version, false);
        }
        IdempotencyKeys.validate(idempotencyKey);
        String target = "POST /api/v1/models/" + model + "/versions";
        // the command, not the bytes: key order, whitespace and the ignored registeredBy make no difference
        String requestHash = fingerprint.of(target, command.evidence());
        Supplier<String> legacyHash = () -> fingerprint.of(target, body); // keys recorded before this rule
        Optional<RegisteredVersion> replay = replay(registrant, idempotencyKey, requestHash, legacyHash, model);
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            int version = commands.send(model, command, Map.of(
                    IdempotencyInterceptor.KEY, idempotencyKey,
                    IdempotencyInterceptor.REQUEST_HASH, requestHash,
                    IdempotencyInterceptor.PRINCIPAL, registrant));
            return new RegisteredVersion(version, false);
        } catch (DuplicateKeyException raced) {
            return replay(registrant, idempotencyKey, requestHash, legacyHash, model).orElseThrow(() -> raced);
        }
    }

    /**
     * Registers the next version, whose artifact digest and framework may be missing (MLflow's client sends neither);
     * such a version cannot be requested where approval is needed until {@link #completeEvidence} supplies them.
     */
    public int registerVersionWithPartialEvidence(String model, VersionEvidence evidence, String registrant) {
        RegisterModelVersion.validate(evidence, false);
        return commands.send(model, new RegisterModelVersion(model, evidence, registrant, false));
    }

    /** Supplies evidence the version was registered without; a field it has already is never replaced. */
    public VersionView completeEvidence(String model, int version, String artifactDigest, String framework) {
        commands.send(model, new CompleteVersionEvidence(model, version, artifactDigest, framework));
        return requireVersion(model, version);
    }

    // ---- what is set beside the registered facts (each an event, with the caller as actor) ----

    public void setModelTag(String model, String key, String value) {
        commands.send(model, new SetModelTag(model, key, value));
    }

    public void deleteModelTag(String model, String key) {
        commands.send(model, new DeleteModelTag(model, key));
    }

    public void changeModelDescription(String model, String description) {
        commands.send(model, new ChangeModelDescription(model, description));
    }

    public void setVersionTag(String model, int version, String key, String value) {
        commands.send(model, new SetVersionTag(model, version, key, value));
    }

    public void deleteVersionTag(String model, int version, String key) {
        commands.send(model, new DeleteVersionTag(model, version, key));
    }

    public void changeVersionDescription(String model, int version, String description) {
        commands.send(model, new ChangeVersionDescription(model, version, description));
    }

    /** Points a free alias at a version; governed aliases are rollouts ({@code RolloutService.makeChampion}). */
    public void setAlias(String model, String alias, int version) {
        commands.send(model, new SetModelAlias(model, alias, version));
    }

    public void deleteAlias(String model, String alias) {
        commands.send(model, new DeleteModelAlias(model, alias));
    }

    /** Every broken field at once, before the command goes out (the aggregate checks again). */
    private static RegisterModelVersion versionCommand(String model, VersionEvidence evidence, String registrant) {
        RegisterModelVersion.validate(evidence);
        return new RegisterModelVersion(model, evidence, registrant);
    }

    private Optional<RegisteredVersion> replay(String principal, String key, String requestHash,
                                               Supplier<String> legacyHash, String model) {
        return idempotencyKeys.find(principal, key).map(stored -> {
            if (!stored.requestHash().equals(requestHash) && !stored.requestHash().equals(legacyHash.get())) {
                throw new IdempotencyKeyReusedException(key);
            }
            try {
                commands.awaitReadModels(model); // the first request may have committed a moment ago
            } catch (WriteNotYetVisibleException notYet) {
                throw notYet.withResult(stored.resource()); // stored: 202 with its location, like the first answer
            }
            return new RegisteredVersion(Integer.parseInt(stored.resource()), true);
        });
    }

    /** Retires the model; {@code whileServing} says the caller retires a model that still serves on purpose. */
    public ModelView retire(String name, String reason, Boolean whileServing) {
        commands.send(name, new RetireModel(name, reason, Boolean.TRUE.equals(whileServing)));
        return requireModel(name);
    }

    public VersionView archive(String model, int version, String reason) {
        commands.send(model, new ArchiveModelVersion(model, version, reason));
        return requireVersion(model, version);
    }

    // ---- queries ----

    public Optional<ModelView> model(String name) {
        return catalog.model(name);
    }

    /** The model, or a 404 that names it. */
    public ModelView requireModel(String name) {
        return catalog.requireModel(name);
    }

    public Page<ModelView> models(ModelSearch search, PageRequest page) {
        return catalog.models(search, page);
    }

    /** Models found by a door's compiled search ({@link CatalogQuery}). */
    public List<ModelView> search(CatalogQuery query) {
        return catalog.search(query);
    }

    /** Versions of any models found by a door's compiled search ({@link CatalogQuery}). */
    public List<VersionView> searchVersions(CatalogQuery query) {
        return catalog.searchVersions(query);
    }

    /** The version a free alias of the model names, if it is set. */
    public Optional<Integer> aliasVersion(String model, String alias) {
        return catalog.aliasVersion(model, alias);
    }

    /** The owner teams that have models, by name. */
    public List<String> ownerTeams() {
        return catalog.ownerTeams();
    }

    public Optional<VersionView> version(String model, int version) {
        return catalog.version(model, version);
    }

    /** The version, or a 404 that names it. */
    public VersionView requireVersion(String model, int version) {
        return version(model, version).orElseThrow(() -> new NotFoundException(
                "Model '" + model + "' has no version " + version + "."));
    }

    /** The model's versions, newest first (a 404 for an unknown model). */
    public Page<VersionView> versions(String model, PageRequest page) {
        return versions(model, null, null, null, null, page);
    }

    /**
     * The model's versions, newest first, with the given status (optional) and a metric within [minValue, maxValue]
     * (either bound optional; both need the metric). A 404 for an unknown model.
     */
    public Page<VersionView> versions(String model, VersionStatus status, String metric, Double minValue,
                                      Double maxValue, PageRequest page) {
        if (metric == null && (minValue != null || maxValue != null)) {
            throw InvalidInputException.of("metric", "is required with minValue or maxValue");
        }
        Page<VersionView> versions = catalog.versions(model, new CatalogQueries.VersionFilter(
                status == null ? null : status.name(), metric, minValue, maxValue), page);
        if (versions.items().isEmpty()) {
            catalog.requireModel(model); // the pages ask for a model they just found: look it up only when it matters
        }
        return versions;
    }
}
