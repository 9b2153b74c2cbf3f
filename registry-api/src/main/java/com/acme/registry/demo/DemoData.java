package com.acme.registry.demo;

import com.acme.registry.axon.EventStoreHead;
import com.acme.registry.axon.CommandSender;
import com.acme.registry.axon.WriteNotYetVisibleException;
import com.acme.registry.promotion.PromotionApproved;
import com.acme.registry.promotion.PromotionRequested;
import com.acme.registry.promotion.PromotionService;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutService;
import com.acme.registry.rollout.RolloutStarted;
import com.acme.registry.model.DatasetRef;
import com.acme.registry.model.ModelDescription;
import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelService;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.model.Signature;
import com.acme.registry.model.SignatureField;
import com.acme.registry.model.SourceRef;
import com.acme.registry.model.TrainingRun;
import com.acme.registry.model.VersionEvidence;
import com.acme.registry.identity.Role;
import com.acme.registry.identity.UserAccounts;
import com.acme.registry.web.CorrelationIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Demo mode ({@code --demo} or {@code REGISTRY_DEMO=true}), only when asked: well-known users with the
 * password {@code demo}, a few realistic models with versions, a production champion and a pending review.
 * Never for a real deployment.
 */
@Component
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PASSWORD = "demo";
    static final Map<String, Set<Role>> USERS = demoUsers();

    private final boolean demoProperty;
    private final UserAccounts users;
    private final CommandSender commands;
    private final EventStoreHead eventStore;
    private final ModelService models;
    private final PromotionService promotions;
    private final RolloutService rollouts;

    public DemoData(@Value("${registry.demo:false}") boolean demoProperty, UserAccounts users, CommandSender commands,
                    EventStoreHead eventStore, ModelService models, PromotionService promotions,
                    RolloutService rollouts) {
        this.demoProperty = demoProperty;
        this.users = users;
        this.commands = commands;
        this.eventStore = eventStore;
        this.models = models;
        this.promotions = promotions;
        this.rollouts = rollouts;
    }

    private static Map<String, Set<Role>> demoUsers() {
        Map<String, Set<Role>> users = new LinkedHashMap<>();
        users.put("alice", Set.of(Role.ML_ENGINEER));
        users.put("bob", Set.of(Role.ML_ENGINEER));
        users.put("rita", Set.of(Role.RISK_REVIEWER));
        users.put("ravi", Set.of(Role.RISK_REVIEWER));
        users.put("carla", Set.of(Role.COMPLIANCE));
        users.put("adam", Set.of(Role.ADMIN));
        return users;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demoProperty && !args.containsOption("demo")) {
            return;
        }
        log.warn("DEMO MODE: users {} have the password '{}'. Never run a real registry in demo mode.",
                USERS.keySet(), PASSWORD);
        // the documented exception to the password policy: only demo mode creates these, never the API
        USERS.forEach((name, roles) -> users.createAtStartUp(name, PASSWORD, roles, "demo", "demo mode"));
        seedModels();
        seedGovernance();
    }

    private void seedModels() {
        model("alice", "bnpl-credit-risk", RiskTier.HIGH, "underwriting",
                "Probability of default at checkout for buy-now-pay-later applications.",
                "Real-time credit decisions for BNPL purchases up to 2,000 EUR.",
                "Not for credit-limit increases or collections.",
                List.of(version(null, 0.861, 0.50, "2026-09-01", "a1b2c3d"),
                        version(1, 0.871, 0.52, "2026-11-01", "3f2c1a9")));
        model("bob", "bnpl-fraud-screen", RiskTier.HIGH, "fraud",
                "First-party fraud screen before the credit decision.",
                "Flag applications for manual review.", "Never the sole reason for a decline.",
                List.of(version(null, 0.912, 0.61, "2026-10-15", "77e0f41")));
        model("alice", "collections-propensity", RiskTier.MEDIUM, "collections",
                "Propensity to pay after a missed instalment.",
                "Prioritise reminder channels.", "Not for credit decisions.",
                List.of(version(null, 0.781, 0.38, "2026-08-01", "0c9d8e7"),
                        version(1, 0.794, 0.41, "2026-10-01", "5a6b7c8")));
        model("bob", "checkout-conversion", RiskTier.LOW, "growth",
                "Likelihood that a shopper completes checkout with BNPL.",
                "Order of payment options at checkout.", "No effect on credit decisions.",
                List.of(version(null, 0.702, 0.27, "2026-11-01", "9e8d7c6")));
    }

    /**
     * bnpl-credit-risk v1 serves production (approved by rita and ravi), v2 waits in the review queue with one
     * approval; collections-propensity v2 serves staging and runs as a 20 % canary in production beside v1.
     * <p>
     * Each step is sent only if the model's events in the event store show it has not happened yet (the n-th event of
     * its type), never decided from a read model: read models may be behind or empty (a rebuild in progress, a crash),
     * and a step sent twice would be refused by the model and stop the start. A start interrupted half-way through
     * the seeding finishes it.
     */
    private void seedGovernance() {
        String model = "bnpl-credit-risk";
        String production = "production";
        seedOnce(model, PromotionRequested.class, 1, "alice", Role.ML_ENGINEER, () -> promotions.request(model, 1,
                production, "First production release: replaces the 2025 scorecard",
                "https://validation.internal/reports/bnpl-credit-risk/1", "alice"));
        seedOnce(model, PromotionApproved.class, 1, "rita", Role.RISK_REVIEWER,
                () -> promotions.approve(model, 1, "Validation report reviewed; stable PSI", "rita"));
        seedOnce(model, PromotionApproved.class, 2, "ravi", Role.RISK_REVIEWER,
                () -> promotions.approve(model, 1, "Fairness and adverse-action checks pass", "ravi"));
        seedOnce(model, RolloutStarted.class, 1, "alice", Role.ML_ENGINEER,
                () -> rollouts.start(model, production, 1, 100));
        seedOnce(model, RolloutCompleted.class, 1, "alice", Role.ML_ENGINEER,
                () -> rollouts.complete(model, production));
        seedOnce(model, PromotionRequested.class, 2, "alice", Role.ML_ENGINEER, () -> promotions.request(model, 2,
                production, "Monthly retrain, AUC +1pt", "https://validation.internal/reports/bnpl-credit-risk/2",
                "alice"));
        seedOnce(model, PromotionApproved.class, 3, "rita", Role.RISK_REVIEWER,
                () -> promotions.approve(model, 2, "Looks good; needs a second reviewer", "rita"));
        String collections = "collections-propensity";
        String staging = "staging";
        seedOnce(collections, RolloutStarted.class, 1, "alice", Role.ML_ENGINEER,
                () -> rollouts.start(collections, staging, 2, 100));
        seedOnce(collections, RolloutCompleted.class, 1, "alice", Role.ML_ENGINEER,
                () -> rollouts.complete(collections, staging));
        releaseToProduction(collections, 1, 1, "Replaces the rules-based collections queue",
                "ravi", "Calibration and contact-policy checks pass", production);
        seedOnce(collections, RolloutCompleted.class, 2, "alice", Role.ML_ENGINEER,
                () -> rollouts.complete(collections, production));
        releaseToProduction(collections, 2, 2, "Retrain on Q3 outcomes; canary first",
                "rita", "Canary at 20 % with the usual guardrails", production);
    }

    /**
     * alice asks (the model's {@code release}-th request, so numbered {@code release}: a model numbers its requests
     * 1, 2, 3…), one reviewer approves (MEDIUM tier), alice starts a rollout: 100 % for v1, a 20 % canary after.
     * The model's first rollout is the staging one, so this release's rollout is its {@code release + 1}-th.
     */
    private void releaseToProduction(String model, int version, int release, String justification, String reviewer,
                                     String comment, String production) {
        seedOnce(model, PromotionRequested.class, release, "alice", Role.ML_ENGINEER, () -> promotions.request(model,
                version, production, justification, "https://validation.internal/reports/" + model + "/" + version,
                "alice"));
        seedOnce(model, PromotionApproved.class, release, reviewer, Role.RISK_REVIEWER,
                () -> promotions.approve(model, release, comment, reviewer));
        seedOnce(model, RolloutStarted.class, release + 1, "alice", Role.ML_ENGINEER,
                () -> rollouts.start(model, production, version, version == 1 ? 100 : 20));
    }

    /** Sends the command as {@code user} unless the model has stored its {@code occurrence}-th {@code event} already. */
    private void once(String model, Class<?> event, int occurrence, String user, Role role,
                      Supplier<Object> command) {
        seedOnce(model, event, occurrence, user, role, () -> commands.send(model, command.get()));
    }

    /** Takes {@code step} as {@code user} unless the model has stored its {@code occurrence}-th {@code event} already. */
    private void seedOnce(String model, Class<?> event, int occurrence, String user, Role role, Runnable step) {
        if (eventStore.countOf(model, event) < occurrence) {
            as(user, role, () -> stored(step));
        }
    }

    /** As {@link #once}, for a write through a capability's service. */
    private void onceThrough(String model, Class<?> event, int occurrence, String user, Role role, Runnable write) {
        if (eventStore.countOf(model, event) < occurrence) {
            as(user, role, () -> {
                try {
                    write.run();
                } catch (WriteNotYetVisibleException stored) {
                    log.warn("Demo data: {}", stored.getMessage());
                }
            });
        }
    }

    private void as(String user, Role role, Runnable action) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority(role.authority()))));
        MDC.put(CorrelationIdFilter.MDC_KEY, "demo-seed");
        try {
            action.run();
        } finally {
            SecurityContextHolder.clearContext();
            MDC.remove(CorrelationIdFilter.MDC_KEY);
        }
    }

    private void model(String engineer, String name, RiskTier tier, String team, String description,
                       String intendedUse, String restrictions, List<VersionEvidence> versions) {
        onceThrough(name, ModelRegistered.class, 1, engineer, Role.ML_ENGINEER, () -> models.register(name,
                new ModelDescription(description, team, tier, intendedUse, restrictions, Map.of("domain", "bnpl")),
                engineer));
        for (int i = 0; i < versions.size(); i++) {
            VersionEvidence evidence = versions.get(i);
            onceThrough(name, ModelVersionRegistered.class, i + 1, engineer, Role.ML_ENGINEER,
                    () -> models.registerVersion(name, evidence, engineer));
        }
    }

    private static VersionEvidence version(Integer parent, double auc, double ks, String dataDate, String commit) {
        String run = "run-" + Math.abs((dataDate + commit).hashCode() % 10000);
        return new VersionEvidence(
                "s3://ml-artifacts/" + commit + "/" + dataDate + "/model.onnx", sha256(commit + dataDate), 48_213L,
                "onnx",
                new Signature(List.of(new SignatureField("income", "double"),
                        new SignatureField("utilization_90d", "double")),
                        List.of(new SignatureField("pd", "double"))),
                Map.of("auc", auc, "ks", ks), Map.of("max_depth", "6", "learning_rate", "0.05"),
                new TrainingRun(run, "https://mlflow.internal/runs/" + run.substring(4)),
                new SourceRef("git@github.com:acme/credit-models.git", commit),
                List.of(new DatasetRef("applications", dataDate, "s3://data/applications/" + dataDate,
                                sha256("applications" + dataDate), "training"),
                        new DatasetRef("applications-holdout", dataDate, "s3://data/applications-holdout/" + dataDate,
                                sha256("holdout" + dataDate), "validation")),
                List.of("income", "utilization_90d"), parent, "Retrain on data up to " + dataDate,
                Map.of("team", "underwriting"));
    }

    private static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seeding goes on when the read models lag: the command is stored (an API client would get a 202). */
    private static void stored(Runnable step) {
        try {
            step.run();
        } catch (WriteNotYetVisibleException stored) {
            log.warn("Demo data: {}", stored.getMessage());
        }
    }
}
