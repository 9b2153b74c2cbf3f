package com.acme.registry.model;

import com.acme.registry.promotion.PromotableModel;
import com.acme.registry.promotion.PromotionRequests;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.rollout.EnvironmentServing;
import com.acme.registry.rollout.ServableModel;
import com.acme.registry.validation.Limits;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A model family and its numbered versions. Decides in command handlers, changes state only in
 * event-sourcing handlers. The aggregate id is the model's name, so a name can never be taken twice.
 * <p>
 * Its members decide promotion ({@link PromotionRequests}) and serving ({@link EnvironmentServing}) against the
 * facts this root owns (name, risk tier, retirement, versions), shown to them through the interfaces their packages
 * own ({@link PromotableModel}, {@link ServableModel}), so there is one copy and no package depends back on the model.
 */
public class RegisteredModel {

    /** Metadata key of {@link ModelRetired}: the environments the model still served in when it was retired. */
    public static final String SERVING_ENVIRONMENTS = "servingEnvironments";

    @AggregateIdentifier
    private String name;
    private ModelStatus status;
    private RiskTier riskTier;
    private String description;
    private final Map<String, String> tags = new HashMap<>();
    private final Map<String, Integer> aliases = new TreeMap<>();
    private final Map<Integer, VersionState> versions = new HashMap<>();
    private final Facts facts = new Facts();
    @AggregateMember
    private final PromotionRequests promotions = new PromotionRequests(facts);
    @AggregateMember
    private final EnvironmentServing environments = new EnvironmentServing(facts, promotions);

    protected RegisteredModel() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterModel command) {
        if (name != null) {
            throw new RuleViolationException("model-name-taken", "A model named '" + command.name()
                    + "' was registered before; model names are never reused, also after retirement. Choose another name.");
        }
        ModelRules.validate(command.name(), command.model());
        apply(new ModelRegistered(command.name(), command.model(), command.registeredBy()));
    }

    @CommandHandler
    public int handle(RegisterModelVersion command) {
        requireActive("register a new version");
        VersionRules.validate(command.evidence(), name, versions.size(), command.fullEvidenceRequired());
        int next = versions.size() + 1;
        apply(new ModelVersionRegistered(name, next, command.evidence(), command.registeredBy()));
        return next;
    }

    /**
     * A model that serves somewhere is retired only when the caller says so ({@code whileServing}); the environments
     * it serves in are then recorded in the event's metadata ({@link #SERVING_ENVIRONMENTS}), so the audit record
     * names them. The registry has no command that withdraws a champion, so without the flag a model that ever
     * reached an environment could never be retired.
     */
    @CommandHandler
    public void handle(RetireModel command) {
        ModelRules.validateReason(command.reason());
        requireActive("retire it");
        SortedMap<String, String> serving = environments.serving();
        if (serving.isEmpty()) {
            apply(new ModelRetired(name, command.reason()));
            return;
        }
        if (!command.whileServing()) {
            throw new RuleViolationException("serving-in-environment", "Model '" + name + "' still serves in "
                    + describe(serving) + ". A champion cannot be withdrawn, so retiring it records that the serving "
                    + "systems stop calling it: send whileServing=true to do that on purpose (the environments are "
                    + "recorded with the retirement), or abort its rollouts first.",
                    Map.of("environments", List.copyOf(serving.keySet())));
        }
        apply(new ModelRetired(name, command.reason()),
                MetaData.with(SERVING_ENVIRONMENTS, List.copyOf(serving.keySet())));
    }

    /** Archiving means "never use this version again": refused while it still serves, with no way around it. */
    @CommandHandler
    public void handle(ArchiveModelVersion command) {
        ModelRules.validateReason(command.reason());
        VersionState version = version(command.version());
        if (version.archived()) {
            throw new RuleViolationException("version-archived",
                    "Version " + command.version() + " of model '" + name + "' is already archived.");
        }
        SortedMap<String, String> serving = environments.serving(command.version());
        if (!serving.isEmpty()) {
            throw new RuleViolationException("serving-in-environment", "Version " + command.version() + " of model '"
                    + name + "' serves in " + describe(serving) + "; an archived version must not serve. Replace it "
                    + "there first (complete another version's rollout, abort its rollout or roll back), then archive it.",
                    Map.of("environments", List.copyOf(serving.keySet())));
        }
        for (Map.Entry<String, Integer> alias : List.copyOf(aliases.entrySet())) {
            if (alias.getValue() == command.version()) { // an archived version must never be used: no name points at it
                apply(new ModelAliasDeleted(name, alias.getKey(), command.version()));
            }
        }
        apply(new ModelVersionArchived(name, command.version(), command.reason()));
    }

    // ---- what is set beside the registered facts: tags, descriptions, free aliases (also on a retired model,
    //      but for aliases, which point users at versions) ----

    @CommandHandler
    public void handle(SetModelTag command) {
        LabelRules.validateTag(command.key(), command.value());
        if (command.value().equals(tags.get(command.key()))) {
            return;
        }
        requireRoomFor(tags, command.key(), "tags of model '" + name + "'");
        apply(new ModelTagSet(name, command.key(), command.value()));
    }

    @CommandHandler
    public void handle(DeleteModelTag command) {
        LabelRules.validateKey(command.key());
        if (!tags.containsKey(command.key())) {
            throw new NotFoundException("Model '" + name + "' has no tag '" + command.key() + "'.");
        }
        apply(new ModelTagDeleted(name, command.key()));
    }

    @CommandHandler
    public void handle(ChangeModelDescription command) {
        String next = blankToNull(command.description());
        LabelRules.validateDescription(next);
        if (!Objects.equals(next, description)) {
            apply(new ModelDescriptionChanged(name, next));
        }
    }

    @CommandHandler
    public void handle(SetVersionTag command) {
        LabelRules.validateTag(command.key(), command.value());
        VersionState version = version(command.version());
        if (command.value().equals(version.tags().get(command.key()))) {
            return;
        }
        requireNotEvidence(version, command.version(), command.key());
        requireRoomFor(version.tags(), command.key(), "tags of version " + command.version());
        apply(new VersionTagSet(name, command.version(), command.key(), command.value()));
    }

    @CommandHandler
    public void handle(DeleteVersionTag command) {
        LabelRules.validateKey(command.key());
        VersionState version = version(command.version());
        if (!version.tags().containsKey(command.key())) {
            throw new NotFoundException("Version " + command.version() + " of model '" + name + "' has no tag '"
                    + command.key() + "'.");
        }
        requireNotEvidence(version, command.version(), command.key());
        apply(new VersionTagDeleted(name, command.version(), command.key()));
    }

    /** Reviewers approve a version with the description it has then, so it is frozen once it goes up for approval. */
    @CommandHandler
    public void handle(ChangeVersionDescription command) {
        String next = blankToNull(command.description());
        LabelRules.validateDescription(next);
        VersionState version = version(command.version());
        if (Objects.equals(next, version.description())) {
            return;
        }
        if (promotions.wentUpForApproval(command.version())) {
            throw new RuleViolationException("version-under-approval", "Version " + command.version() + " of model '"
                    + name + "' was requested for an environment that needs approval; its description is part of what "
                    + "reviewers approve and can no longer change. Set a tag to add a note.");
        }
        apply(new VersionDescriptionChanged(name, command.version(), next));
    }

    /** Each missing field may be supplied once; a field the version has is never replaced. */
    @CommandHandler
    public void handle(CompleteVersionEvidence command) {
        VersionRules.validateCompletion(command.artifactDigest(), command.framework());
        VersionState version = version(command.version());
        requireUsable(command.version(), version, "have its evidence completed");
        List<String> conflicting = new ArrayList<>();
        if (command.artifactDigest() != null && version.artifactDigest() != null
                && !command.artifactDigest().equals(version.artifactDigest())) {
            conflicting.add("artifactDigest (" + version.artifactDigest() + ")");
        }
        if (command.framework() != null && version.framework() != null
                && !command.framework().equals(version.framework())) {
            conflicting.add("framework (" + version.framework() + ")");
        }
        if (!conflicting.isEmpty()) {
            throw new RuleViolationException("evidence-immutable", "Version " + command.version() + " of model '"
                    + name + "' has its " + String.join(" and ", conflicting) + " already; registered evidence never "
                    + "changes. Register a new version for another artifact.");
        }
        String digest = version.artifactDigest() == null ? command.artifactDigest() : null;
        String framework = version.framework() == null ? command.framework() : null;
        if (digest != null || framework != null) {
            apply(new VersionEvidenceCompleted(name, command.version(), digest, framework));
        }
    }

    @CommandHandler
    public void handle(SetModelAlias command) {
        LabelRules.validateAlias(command.alias());
        requireActive("take aliases");
        requireUsable(command.version(), version(command.version()), "take an alias");
        Integer current = aliases.get(command.alias());
        if (current != null && current == command.version()) {
            return;
        }
        requireRoomFor(aliases, command.alias(), "aliases of model '" + name + "'");
        apply(new ModelAliasSet(name, command.alias(), command.version()));
    }

    @CommandHandler
    public void handle(DeleteModelAlias command) {
        LabelRules.validateAlias(command.alias());
        Integer version = aliases.get(command.alias());
        if (version == null) {
            throw new NotFoundException("Model '" + name + "' has no alias '" + command.alias() + "'.");
        }
        apply(new ModelAliasDeleted(name, command.alias(), version));
    }

    private void requireNotEvidence(VersionState version, int number, String key) {
        if (version.evidenceTags().contains(key)) {
            throw new RuleViolationException("evidence-immutable", "Tag '" + key + "' of version " + number
                    + " of model '" + name + "' was registered with its evidence, which never changes. Use another key.");
        }
    }

    private static void requireRoomFor(Map<String, ?> map, String key, String what) {
        if (!map.containsKey(key) && map.size() >= Limits.MAP_ENTRIES) {
            throw new RuleViolationException("too-many-entries", "The " + what + " are at the limit of "
                    + Limits.MAP_ENTRIES + "; remove one first.");
        }
    }

    private void requireUsable(int number, VersionState version, String action) {
        if (version.archived()) {
            throw new RuleViolationException("version-archived",
                    "Version " + number + " of model '" + name + "' is archived and cannot " + action + ".");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String describe(SortedMap<String, String> serving) {
        return serving.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    private void requireActive(String action) {
        if (status == ModelStatus.RETIRED) {
            throw new RuleViolationException("model-retired",
                    "Model '" + name + "' is retired; a retired model cannot " + action + ".");
        }
    }

    private VersionState version(int number) {
        VersionState version = versions.get(number);
        if (version == null) {
            throw new NotFoundException("Model '" + name + "' has no version " + number + ".");
        }
        return version;
    }

    @EventSourcingHandler
    void on(ModelRegistered event) {
        name = event.modelName();
        status = ModelStatus.ACTIVE;
        riskTier = event.model().riskTier();
        description = event.model().description();
        tags.putAll(event.model().tags());
    }

    @EventSourcingHandler
    void on(ModelVersionRegistered event) {
        VersionEvidence evidence = event.evidence();
        versions.put(event.version(), new VersionState(event.registeredBy(), false, evidence.artifactDigest(),
                evidence.framework(), evidence.description(), Set.copyOf(evidence.tags().keySet()),
                Map.copyOf(evidence.tags())));
    }

    @EventSourcingHandler
    void on(ModelTagSet event) {
        tags.put(event.key(), event.value());
    }

    @EventSourcingHandler
    void on(ModelTagDeleted event) {
        tags.remove(event.key());
    }

    @EventSourcingHandler
    void on(ModelDescriptionChanged event) {
        description = event.description();
    }

    @EventSourcingHandler
    void on(VersionTagSet event) {
        versions.computeIfPresent(event.version(), (n, v) -> v.withTag(event.key(), event.value()));
    }

    @EventSourcingHandler
    void on(VersionTagDeleted event) {
        versions.computeIfPresent(event.version(), (n, v) -> v.withTag(event.key(), null));
    }

    @EventSourcingHandler
    void on(VersionDescriptionChanged event) {
        versions.computeIfPresent(event.version(), (n, v) -> v.withDescription(event.description()));
    }

    @EventSourcingHandler
    void on(VersionEvidenceCompleted event) {
        versions.computeIfPresent(event.version(), (n, v) -> v.completed(event.artifactDigest(), event.framework()));
    }

    @EventSourcingHandler
    void on(ModelAliasSet event) {
        aliases.put(event.alias(), event.version());
    }

    @EventSourcingHandler
    void on(ModelAliasDeleted event) {
        aliases.remove(event.alias());
    }

    @EventSourcingHandler
    void on(ModelRetired event) {
        status = ModelStatus.RETIRED;
    }

    @EventSourcingHandler
    void on(ModelVersionArchived event) {
        versions.computeIfPresent(event.version(), (n, v) -> v.archive());
    }

    /** The root's facts as its members read them: one copy, this root's own fields. */
    private final class Facts implements PromotableModel, ServableModel {

        @Override
        public String name() {
            return name;
        }

        @Override
        public RiskTier riskTier() {
            return riskTier;
        }

        @Override
        public void requireActive(String action) {
            RegisteredModel.this.requireActive(action);
        }

        @Override
        public void requireUsableVersion(int number, String action) {
            if (version(number).archived()) {
                throw new RuleViolationException("version-archived",
                        "Version " + number + " of model '" + name + "' is archived and cannot " + action + ".");
            }
        }

        @Override
        public void requireFullEvidence(int number, String action) {
            VersionState version = version(number);
            List<String> missing = new ArrayList<>();
            if (version.artifactDigest() == null) {
                missing.add("artifactDigest");
            }
            if (version.framework() == null) {
                missing.add("framework");
            }
            if (!missing.isEmpty()) {
                throw new RuleViolationException("evidence-incomplete", "Version " + number + " of model '" + name
                        + "' was registered without its " + String.join(" and ", missing) + ", and so cannot " + action
                        + ". Supply them first: POST /api/v1/models/" + name + "/versions/" + number + "/evidence, or "
                        + "MLflow tags registry.artifact_digest and registry.framework.",
                        Map.of("missing", List.copyOf(missing)));
            }
        }

        @Override
        public String registeredBy(int version) {
            return versions.get(version).registeredBy();
        }
    }

    /**
     * What the rules need of a version: who registered it, whether it is archived, the evidence it may be completed
     * with, its description, and its tags (those registered with the evidence, which never change, and the rest).
     */
    private record VersionState(String registeredBy, boolean archived, String artifactDigest, String framework,
                                String description, Set<String> evidenceTags, Map<String, String> tags) {
        VersionState archive() {
            return new VersionState(registeredBy, true, artifactDigest, framework, description, evidenceTags, tags);
        }

        VersionState withTag(String key, String value) {
            Map<String, String> next = new HashMap<>(tags);
            if (value == null) {
                next.remove(key);
            } else {
                next.put(key, value);
            }
            return new VersionState(registeredBy, archived, artifactDigest, framework, description, evidenceTags,
                    Map.copyOf(next));
        }

        VersionState withDescription(String text) {
            return new VersionState(registeredBy, archived, artifactDigest, framework, text, evidenceTags, tags);
        }

        VersionState completed(String digest, String frameworkName) {
            return new VersionState(registeredBy, archived, digest != null ? digest : artifactDigest,
                    frameworkName != null ? frameworkName : framework, description, evidenceTags, tags);
        }
    }
}
