package com.acme.registry.ui.model;

import com.acme.registry.model.VersionView;
import tools.jackson.databind.JsonNode;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A version's evidence as the version page lists it; links only where {@link SafeLinks} allows them. */
public record EvidenceView(
        String artifactUri,
        String artifactDigest,
        String size,
        String framework,
        List<SignatureField> inputs,
        List<SignatureField> outputs,
        Map<String, String> params,
        List<Dataset> datasets,
        List<String> features,
        String sourceRepository,
        String sourceCommit,
        String sourceHref,
        String runId,
        String runUri,
        String runHref,
        Map<String, String> tags) {

    public record SignatureField(String name, String type) {
    }

    public record Dataset(String name, String version, String role, String uri, String digest) {
    }

    static EvidenceView of(VersionView v) {
        JsonNode signature = v.signature();
        String repository = JsonViews.text(v.source(), "repository");
        String runUri = JsonViews.text(v.trainingRun(), "uri");
        return new EvidenceView(v.artifactUri(), v.artifactDigest(), size(v.artifactSizeBytes()), v.framework(),
                fields(signature == null ? null : signature.get("inputs")),
                fields(signature == null ? null : signature.get("outputs")),
                JsonViews.strings(v.params()),
                JsonViews.elements(v.datasets()).stream().map(d -> new Dataset(JsonViews.text(d, "name"),
                        JsonViews.text(d, "version"), JsonViews.text(d, "role"), JsonViews.text(d, "uri"),
                        JsonViews.text(d, "digest"))).toList(),
                JsonViews.elements(v.features()).stream().map(JsonNode::asString).toList(),
                repository, JsonViews.text(v.source(), "commit"), SafeLinks.hrefOf(repository),
                JsonViews.text(v.trainingRun(), "id"), runUri, SafeLinks.hrefOf(runUri),
                JsonViews.strings(v.tags()));
    }

    private static List<SignatureField> fields(JsonNode array) {
        return JsonViews.elements(array).stream()
                .map(f -> new SignatureField(JsonViews.text(f, "name"), JsonViews.text(f, "type"))).toList();
    }

    /** "48.2 kB (48,213 bytes)": readable, and exact for whoever checks the artifact. */
    static String size(Long bytes) {
        if (bytes == null) {
            return null;
        }
        String exact = NumberFormat.getIntegerInstance(Locale.ROOT).format(bytes) + (bytes == 1 ? " byte" : " bytes");
        if (bytes < 1000) {
            return exact;
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s (%s)", value, units[unit], exact);
    }
}
