package com.acme.registry.demo;

import com.acme.registry.axon.EventStoreHead;
import com.acme.registry.catalog.CommandSender;
import com.acme.registry.model.DatasetRef;
import com.acme.registry.model.ModelDescription;
import com.acme.registry.model.RegisterModel;
import com.acme.registry.model.RegisterModelVersion;
import com.acme.registry.model.RiskTier;
import com.acme.registry.model.Signature;
import com.acme.registry.model.SignatureField;
import com.acme.registry.model.SourceRef;
import com.acme.registry.model.TrainingRun;
import com.acme.registry.model.VersionEvidence;
import com.acme.registry.security.Role;
import com.acme.registry.security.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

/**
 * Demo mode ({@code --demo} or {@code REGISTRY_DEMO=true}), only when asked: well-known users with the
 * password {@code demo}, and a few realistic models with versions. Never for a real deployment.
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

    public DemoData(@Value("${registry.demo:false}") boolean demoProperty, UserAccounts users, CommandSender commands,
                    EventStoreHead eventStore) {
        this.demoProperty = demoProperty;
        this.users = users;
        this.commands = commands;
        this.eventStore = eventStore;
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
        USERS.forEach((name, roles) -> users.create(name, PASSWORD, roles, "demo"));
        seedModels();
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

    private void model(String engineer, String name, RiskTier tier, String team, String description,
                       String intendedUse, String restrictions, List<VersionEvidence> versions) {
        if (eventStore.lastPositionOf(name) >= 0) {
            return;
        }
        var auth = UsernamePasswordAuthenticationToken.authenticated(engineer, null,
                List.of(new SimpleGrantedAuthority(Role.ML_ENGINEER.authority())));
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            commands.send(name, new RegisterModel(name, new ModelDescription(description, team, tier, intendedUse,
                    restrictions, Map.of("domain", "bnpl")), engineer));
            for (VersionEvidence evidence : versions) {
                commands.send(name, new RegisterModelVersion(name, evidence, engineer));
            }
        } finally {
            SecurityContextHolder.clearContext();
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
}
