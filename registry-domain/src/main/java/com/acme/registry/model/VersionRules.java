package com.acme.registry.model;

import com.acme.registry.validation.Limits;
import com.acme.registry.validation.StorableText;
import com.acme.registry.validation.Violations;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Input rules of a model version's evidence (the parts that need no knowledge of other versions). */
final class VersionRules {

    static final Set<String> DATASET_ROLES = Set.of("training", "validation", "test");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,64}");

    private VersionRules() {
    }

    /** @param modelName     for messages
     *  @param latestVersion versions 1..latestVersion exist (numbers have no gaps)
     *  @param fullEvidence  the artifact's digest and framework are required (else checked only when given) */
    static void validate(VersionEvidence e, String modelName, int latestVersion, boolean fullEvidence) {
        Violations v = new Violations();
        if (e == null) {
            v.add("body", "is required");
            v.throwIfAny();
        }
        v.required(e.artifactUri(), "artifactUri", Limits.URI);
        v.uri(e.artifactUri(), "artifactUri");
        if (e.artifactDigest() == null && fullEvidence) {
            v.add("artifactDigest", "is required: 'sha256:' followed by 64 lowercase hex characters");
        }
        v.digest(e.artifactDigest(), "artifactDigest");
        if (e.artifactSizeBytes() != null) {
            v.check(e.artifactSizeBytes() >= 0, "artifactSizeBytes", "must be zero or more");
        }
        if (fullEvidence || e.framework() != null) {
            v.required(e.framework(), "framework", Limits.SHORT_TEXT);
        }
        signature(e.signature(), v);
        metrics(e.metrics(), v);
        Tags.validate(e.params(), "params", v);
        if (e.trainingRun() != null) {
            v.maxLength(e.trainingRun().id(), "trainingRun.id", Limits.SHORT_TEXT);
            v.uri(e.trainingRun().uri(), "trainingRun.uri");
        }
        if (e.source() != null) {
            v.required(e.source().repository(), "source.repository", Limits.URI);
            if (e.source().commit() != null && v.storable(e.source().commit(), "source.commit")) {
                v.check(COMMIT.matcher(e.source().commit()).matches(), "source.commit",
                        "must be a commit SHA: 7 to 64 lowercase hex characters");
            }
        }
        datasets(e.datasets(), v);
        features(e.features(), v);
        if (e.parentVersion() != null && (e.parentVersion() < 1 || e.parentVersion() > latestVersion)) {
            v.add("parentVersion", "must be an existing version of model '" + modelName + "'; it has "
                    + (latestVersion == 0 ? "no versions yet" : "versions 1 to " + latestVersion));
        }
        v.optionalText(e.description(), "description", Limits.FREE_TEXT);
        Tags.validate(e.tags(), "tags", v);
        v.throwIfAny();
    }

    /** The evidence a version may be registered without and completed later; each field is checked when given. */
    static void validateCompletion(String artifactDigest, String framework) {
        Violations v = new Violations();
        v.check(artifactDigest != null || framework != null, "artifactDigest",
                "or framework is required: the evidence to add to the version");
        v.digest(artifactDigest, "artifactDigest");
        if (framework != null) {
            v.required(framework, "framework", Limits.SHORT_TEXT);
        }
        v.throwIfAny();
    }

    private static void signature(Signature signature, Violations v) {
        if (signature == null) {
            return;
        }
        fields(signature.inputs(), "signature.inputs", v);
        fields(signature.outputs(), "signature.outputs", v);
    }

    private static void fields(List<SignatureField> fields, String field, Violations v) {
        if (fields == null) {
            return;
        }
        v.maxSize(fields, field, Limits.SIGNATURE_FIELDS);
        for (int i = 0; i < fields.size() && i < Limits.SIGNATURE_FIELDS; i++) {
            SignatureField f = fields.get(i);
            String at = field + "[" + i + "]";
            if (f == null) {
                v.add(at, "must not be null");
                continue;
            }
            v.required(f.name(), at + ".name", Limits.KEY);
            v.required(f.type(), at + ".type", Limits.KEY);
        }
    }

    private static void metrics(Map<String, Double> metrics, Violations v) {
        v.maxSize(metrics, "metrics", Limits.MAP_ENTRIES);
        v.keys(metrics, "metrics");
        metrics.forEach((name, value) -> v.check(value != null && Double.isFinite(value), Violations.entry("metrics", name),
                "must be a finite number"));
    }

    private static void datasets(List<DatasetRef> datasets, Violations v) {
        v.maxSize(datasets, "datasets", Limits.DATASETS);
        for (int i = 0; i < datasets.size() && i < Limits.DATASETS; i++) {
            DatasetRef d = datasets.get(i);
            String at = "datasets[" + i + "]";
            if (d == null) {
                v.add(at, "must not be null");
                continue;
            }
            v.required(d.name(), at + ".name", Limits.SHORT_TEXT);
            v.maxLength(d.version(), at + ".version", Limits.SHORT_TEXT);
            v.uri(d.uri(), at + ".uri");
            v.digest(d.digest(), at + ".digest");
            v.check(d.role() != null && StorableText.isStorable(d.role(), false) && DATASET_ROLES.contains(d.role()), at + ".role",
                    "must be one of training, validation, test");
        }
    }

    private static void features(List<String> features, Violations v) {
        v.maxSize(features, "features", Limits.FEATURES);
        for (int i = 0; i < features.size() && i < Limits.FEATURES; i++) {
            String f = features.get(i);
            if (f == null || f.isBlank()) {
                v.add("features[" + i + "]", "must not be blank");
            } else {
                v.maxLength(f, "features[" + i + "]", Limits.KEY);
            }
        }
    }
}
