package com.acme.registry.model;

import com.acme.registry.promotion.PromotableModel;
import com.acme.registry.promotion.PromotionRequests;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.rollout.EnvironmentServing;
import com.acme.registry.rollout.ServableModel;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
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
        VersionRules.validate(command.evidence(), name, versions.size());
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
        apply(new ModelVersionArchived(name, command.version(), command.reason()));
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
    }

    @EventSourcingHandler
    void on(ModelVersionRegistered event) {
        versions.put(event.version(), new VersionState(event.registeredBy(), false));
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
        public String registeredBy(int version) {
            return versions.get(version).registeredBy();
        }
    }

    private record VersionState(String registeredBy, boolean archived) {
        VersionState archive() {
            return new VersionState(registeredBy, true);
        }
    }
}
