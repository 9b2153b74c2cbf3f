package com.acme.registry.bench.seed;

import com.acme.registry.model.DatasetRef;
import com.acme.registry.model.ModelDescription;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.model.Signature;
import com.acme.registry.model.SignatureField;
import com.acme.registry.model.SourceRef;
import com.acme.registry.model.TrainingRun;
import com.acme.registry.model.VersionEvidence;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic models and versions, the same for the HTTP and the bulk path, deterministic per (model, version): a
 * credit model's evidence with metrics, parameters, a signature, datasets and features, about 2 KB of event payload
 * (the demo's versions are about 1.2 KB).
 */
public final class Evidence {

    public static final List<String> TEAMS = List.of("underwriting", "collections", "fraud", "checkout", "limits",
            "pricing", "marketing", "risk-analytics", "customer-care", "treasury");
    public static final List<String> DOMAINS = List.of("bnpl", "cards", "collections", "fraud", "checkout");
    public static final List<String> REGIONS = List.of("eu", "uk", "us");
    private static final List<String> FRAMEWORKS = List.of("onnx", "xgboost", "lightgbm", "sklearn", "pytorch");
    private static final List<String> FEATURES = List.of("income", "utilization_90d", "age_of_file_months",
            "bureau_score", "open_instalments", "missed_payments_12m", "basket_value", "merchant_category",
            "device_age_days", "email_age_days", "address_match", "phone_match", "prior_orders", "refund_rate",
            "chargebacks_24m", "days_since_last_order", "avg_basket_90d", "max_basket_90d", "declines_30d",
            "velocity_1h", "velocity_24h", "ip_risk", "bin_country_match", "time_of_day", "weekday", "tenure_days",
            "outstanding_balance", "limit_utilisation", "repayment_ratio", "dti_ratio", "employment_status",
            "residential_status", "dependants", "region", "channel", "app_version", "session_length_s",
            "cart_edits", "promo_used", "loyalty_tier");
    private static final List<String> DATASETS = List.of("applications", "repayments", "bureau-snapshots",
            "orders", "chargebacks", "device-signals");

    private Evidence() {
    }

    /** Axon's event mapper as the registry configures it (AxonStorageConfiguration.defaultAxonObjectMapper). */
    public static ObjectMapper axonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static String seedModelName(int index) {
        return String.format(Locale.ROOT, "seed-%s-%06d", TEAMS.get(index % TEAMS.size()), index);
    }

    public static ModelDescription model(int index) {
        SplittableRandom random = new SplittableRandom(index * 7919L);
        RiskTier tier = switch (index % 10) {
            case 0, 1, 2 -> RiskTier.HIGH;
            case 3, 4, 5, 6 -> RiskTier.MEDIUM;
            default -> RiskTier.LOW;
        };
        String domain = DOMAINS.get(index % DOMAINS.size());
        return new ModelDescription(
                "Scores " + domain + " decisions for the " + TEAMS.get(index % TEAMS.size()) + " team (model "
                        + index + ")",
                TEAMS.get(index % TEAMS.size()), tier,
                "Real-time " + domain + " credit decisions at checkout",
                random.nextBoolean() ? "Not for existing customers' limit increases" : null,
                Map.of("domain", domain, "region", REGIONS.get(index % REGIONS.size())));
    }

    /** The evidence of version {@code version} of {@code modelName}; {@code parent} null or an earlier version. */
    public static VersionEvidence version(String modelName, int version, Integer parent) {
        SplittableRandom random = new SplittableRandom(modelName.hashCode() * 31L + version);
        String run = String.format(Locale.ROOT, "%08x", random.nextInt() & 0x7fffffff);
        LocalDate trained = LocalDate.of(2026, 1, 1).plusDays(version * 3L % 330);
        List<SignatureField> inputs = new ArrayList<>();
        List<String> features = new ArrayList<>();
        int featureCount = 6 + random.nextInt(15);
        int offset = random.nextInt(FEATURES.size());
        for (int f = 0; f < featureCount; f++) {
            String feature = FEATURES.get((offset + f) % FEATURES.size());
            features.add(feature);
            if (f < 8) {
                inputs.add(new SignatureField(feature, f % 4 == 3 ? "string" : "double"));
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("auc", round(0.70 + random.nextDouble() * 0.25));
        metrics.put("ks", round(0.30 + random.nextDouble() * 0.35));
        metrics.put("gini", round(0.40 + random.nextDouble() * 0.50));
        metrics.put("logloss", round(0.20 + random.nextDouble() * 0.30));
        if (random.nextBoolean()) {
            metrics.put("psi", round(random.nextDouble() * 0.2));
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("max_depth", String.valueOf(3 + random.nextInt(8)));
        params.put("learning_rate", String.valueOf(round(0.01 + random.nextDouble() * 0.2)));
        params.put("n_estimators", String.valueOf(100 + random.nextInt(900)));
        params.put("subsample", String.valueOf(round(0.5 + random.nextDouble() * 0.5)));
        List<DatasetRef> datasets = new ArrayList<>();
        String dataset = DATASETS.get(random.nextInt(DATASETS.size()));
        for (String role : List.of("training", "validation", "test")) {
            if (!role.equals("test") || random.nextBoolean()) {
                String name = role.equals("training") ? dataset : dataset + "-" + role;
                datasets.add(new DatasetRef(name, trained.toString(), "s3://data/" + name + "/" + trained,
                        "sha256:" + hex(random, 32), role));
            }
        }
        return new VersionEvidence(
                "s3://ml-artifacts/" + modelName + "/" + run + "/model." + (version % 2 == 0 ? "onnx" : "bin"),
                "sha256:" + hex(random, 32),
                1_000_000L + random.nextInt(50_000_000),
                FRAMEWORKS.get(random.nextInt(FRAMEWORKS.size())),
                new Signature(inputs, List.of(new SignatureField("score", "double"))),
                metrics, params,
                new TrainingRun("run-" + run, "https://mlflow.internal/runs/" + run),
                new SourceRef("git@github.com:acme/credit-models.git", hex(random, 20)),
                datasets, features, parent,
                "Retrained on data up to " + trained + "; feature set v" + (1 + version / 10),
                Map.of("pipeline", "nightly", "trainedOn", trained.toString()));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static String hex(SplittableRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The body of POST /api/v1/models for a model. */
    public static Map<String, Object> modelRegistration(String name, ModelDescription d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", d.description());
        body.put("ownerTeam", d.ownerTeam());
        body.put("riskTier", d.riskTier().name());
        body.put("intendedUse", d.intendedUse());
        body.put("useRestrictions", d.useRestrictions());
        body.put("tags", d.tags());
        return body;
    }
}
