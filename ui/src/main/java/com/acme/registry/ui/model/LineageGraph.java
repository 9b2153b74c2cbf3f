package com.acme.registry.ui.model;

import com.acme.registry.lineage.VersionLineage;
import tools.jackson.databind.JsonNode;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A version's lineage laid out for SVG, left to right: what it was made from (datasets, features, source commit,
 * training run) → the version, under the chain of versions it descends from → the environments it served in.
 * Labels are shortened to fit their boxes; the full text is each box's tooltip. The template only draws.
 */
public record LineageGraph(double width, double height, List<Column> columns, List<Node> nodes, List<Edge> edges,
                           String description) {

    static final int MAX_DATASETS = 8;
    static final int MAX_ANCESTORS = 4;

    static final double HEADER = 28;
    static final double NODE_HEIGHT = 46;
    static final double NODE_GAP = 18;
    static final double INPUT_WIDTH = 280;
    static final double VERSION_WIDTH = 210;
    static final double SERVED_WIDTH = 220;
    static final double COLUMN_GAP = 90;
    static final double TITLE_CHARACTER = 7.3;
    static final double SUBTITLE_CHARACTER = 6.4;
    static final double PADDING = 10;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    public record Column(String heading, double x, double width) {
    }

    /** kind: dataset, features, source, run, more, ancestor, current, served, none. */
    public record Node(String kind, double x, double y, double width, double height, String title, String subtitle,
                       String tooltip, String href) {

        double middleY() {
            return y + height / 2;
        }

        double right() {
            return x + width;
        }

        public double titleY() {
            return y + 19;
        }

        public double subtitleY() {
            return y + 36;
        }

        public double textX() {
            return x + PADDING;
        }
    }

    /** An SVG path from the upstream box to the downstream one. */
    public record Edge(String path, String kind) {
    }

    private record Label(String kind, String title, String subtitle, String tooltip, String href) {
    }

    public static LineageGraph of(VersionLineage lineage) {
        List<Label> inputs = inputs(lineage);
        List<Label> versions = versions(lineage);
        List<Label> served = served(lineage);

        double inputX = 0;
        double versionX = INPUT_WIDTH + COLUMN_GAP;
        double servedX = versionX + VERSION_WIDTH + COLUMN_GAP;
        double tallest = Math.max(columnHeight(inputs.size()), Math.max(columnHeight(versions.size()),
                columnHeight(served.size())));

        List<Node> inputNodes = place(inputs, inputX, INPUT_WIDTH, tallest);
        List<Node> versionNodes = place(versions, versionX, VERSION_WIDTH, tallest);
        List<Node> servedNodes = place(served, servedX, SERVED_WIDTH, tallest);
        Node current = versionNodes.get(versionNodes.size() - 1);

        List<Edge> edges = new ArrayList<>();
        for (Node input : inputNodes) {
            edges.add(new Edge(curve(input.right(), input.middleY(), current.x(), current.middleY()), "input"));
        }
        for (int i = 0; i + 1 < versionNodes.size(); i++) {
            Node upper = versionNodes.get(i);
            Node lower = versionNodes.get(i + 1);
            double x = upper.x() + upper.width() / 2;
            edges.add(new Edge("M" + n(x) + " " + n(upper.y() + upper.height()) + " L" + n(x) + " " + n(lower.y()),
                    "parent"));
        }
        for (Node environment : servedNodes) {
            if (!"none".equals(environment.kind())) {
                edges.add(new Edge(curve(current.right(), current.middleY(), environment.x(), environment.middleY()),
                        "served"));
            }
        }

        List<Node> nodes = new ArrayList<>(inputNodes);
        nodes.addAll(versionNodes);
        nodes.addAll(servedNodes);
        List<Column> columns = List.of(new Column("Made from", inputX, INPUT_WIDTH),
                new Column("Versions", versionX, VERSION_WIDTH), new Column("Served in", servedX, SERVED_WIDTH));
        return new LineageGraph(servedX + SERVED_WIDTH, HEADER + tallest, columns, List.copyOf(nodes),
                List.copyOf(edges), describe(lineage));
    }

    private static List<Label> inputs(VersionLineage lineage) {
        List<Label> labels = new ArrayList<>();
        List<JsonNode> datasets = elements(lineage.datasets());
        for (JsonNode d : datasets.subList(0, Math.min(MAX_DATASETS, datasets.size()))) {
            String name = text(d, "name");
            String version = text(d, "version");
            String role = text(d, "role");
            String title = version == null ? name : name + " @ " + version;
            String subtitle = (role == null ? "dataset" : role + " data")
                    + (text(d, "digest") == null ? "" : " · " + shortDigest(text(d, "digest")));
            labels.add(new Label("dataset", title, subtitle, join("Dataset " + title, role, text(d, "uri"),
                    text(d, "digest")), null));
        }
        if (datasets.size() > MAX_DATASETS) {
            int more = datasets.size() - MAX_DATASETS;
            labels.add(new Label("more", "+ " + more + " more dataset" + (more == 1 ? "" : "s"),
                    "listed under Evidence", "All datasets are listed under Evidence", null));
        }
        List<JsonNode> features = elements(lineage.features());
        if (!features.isEmpty()) {
            List<String> names = features.stream().map(JsonNode::asString).toList();
            labels.add(new Label("features", "Features (" + names.size() + ")", String.join(", ", names),
                    "Features: " + String.join(", ", names), null));
        }
        JsonNode source = lineage.source();
        if (source != null && !source.isNull()) {
            String commit = text(source, "commit");
            String repository = text(source, "repository");
            labels.add(new Label("source", commit == null ? "source" : "commit " + commit,
                    repository == null ? "" : repository, join("Source", repository, commit), null));
        }
        JsonNode run = lineage.trainingRun();
        if (run != null && !run.isNull()) {
            String id = text(run, "id");
            String uri = text(run, "uri");
            labels.add(new Label("run", id == null ? "training run" : "run " + id, uri == null ? "training run" : uri,
                    join("Training run", id, uri), SafeLinks.hrefOf(uri)));
        }
        return labels;
    }

    /** Oldest shown ancestor first, the version itself last. */
    private static List<Label> versions(VersionLineage lineage) {
        List<Label> labels = new ArrayList<>();
        List<VersionLineage.Ancestor> chain = lineage.parentChain();
        int shown = Math.min(MAX_ANCESTORS, chain.size());
        if (chain.size() > shown) {
            int older = chain.size() - shown;
            labels.add(new Label("more", older + " older version" + (older == 1 ? "" : "s"), "further up the chain",
                    "The chain continues to v" + chain.get(chain.size() - 1).version(), null));
        }
        for (int i = shown - 1; i >= 0; i--) {
            VersionLineage.Ancestor a = chain.get(i);
            labels.add(new Label("ancestor", "v" + a.version() + (i == 0 ? " · parent" : ""),
                    "by " + a.registeredBy() + " · " + DAY.format(a.registeredAt()),
                    join("Version " + a.version(), "registered by " + a.registeredBy(),
                            DAY.format(a.registeredAt()), lower(a.status()), a.artifactDigest()),
                    "/catalog/" + lineage.modelName() + "/versions/" + a.version()));
        }
        labels.add(new Label("current", "v" + lineage.version() + " · this version",
                "by " + lineage.registeredBy() + " · " + DAY.format(lineage.registeredAt()),
                join("Version " + lineage.version() + " of " + lineage.modelName(), lower(lineage.status()),
                        lineage.artifactDigest()), null));
        return labels;
    }

    private static List<Label> served(VersionLineage lineage) {
        List<Label> labels = new ArrayList<>();
        List<VersionLineage.ServedIn> championFirst = lineage.servedIn().stream()
                .sorted(Comparator.comparing(VersionLineage.ServedIn::environment)
                        .thenComparing(s -> !"CHAMPION".equals(s.role())))
                .toList();
        for (VersionLineage.ServedIn s : championFirst) {
            List<VersionLineage.Interval> intervals = s.intervals();
            VersionLineage.Interval last = intervals.get(intervals.size() - 1);
            String role = "CHAMPION".equals(s.role()) ? "champion" : "rollout";
            String state = last.to() == null ? "now at " + last.trafficPercent() + "%"
                    : "ended " + DAY.format(last.to());
            labels.add(new Label("served", s.environment(), role + " · " + state,
                    join(s.environment(), role, "since " + DAY.format(intervals.get(0).from()), state),
                    "/catalog/" + lineage.modelName() + "/environments/" + s.environment()));
        }
        if (labels.isEmpty()) {
            labels.add(new Label("none", "Not served yet", "no environment so far", "Never served in any environment",
                    null));
        }
        return labels;
    }

    private static List<Node> place(List<Label> labels, double x, double width, double tallest) {
        double y = HEADER + (tallest - columnHeight(labels.size())) / 2;
        List<Node> nodes = new ArrayList<>();
        for (Label l : labels) {
            double room = width - 2 * PADDING;
            nodes.add(new Node(l.kind(), x, n2(y), width, NODE_HEIGHT, TextFit.fit(l.title(), room, TITLE_CHARACTER),
                    TextFit.fit(l.subtitle(), room, SUBTITLE_CHARACTER), l.tooltip(), l.href()));
            y += NODE_HEIGHT + NODE_GAP;
        }
        return nodes;
    }

    static double columnHeight(int count) {
        return count == 0 ? 0 : count * NODE_HEIGHT + (count - 1) * NODE_GAP;
    }

    /** A horizontal S-curve from (x1, y1) to (x2, y2). */
    private static String curve(double x1, double y1, double x2, double y2) {
        double bend = (x2 - x1) / 2;
        return "M" + n(x1) + " " + n(y1) + " C" + n(x1 + bend) + " " + n(y1) + " " + n(x2 - bend) + " " + n(y2)
                + " " + n(x2) + " " + n(y2);
    }

    private static String describe(VersionLineage lineage) {
        StringBuilder text = new StringBuilder("Lineage of " + lineage.modelName() + " v" + lineage.version() + ": ");
        text.append(lineage.parentChain().isEmpty() ? "no parent version"
                : "parent chain " + String.join(" ← ", lineage.parentChain().stream()
                        .map(a -> "v" + a.version()).toList()));
        text.append("; ").append(elements(lineage.datasets()).size()).append(" datasets; ")
                .append(elements(lineage.features()).size()).append(" features; ");
        text.append(lineage.servedIn().isEmpty() ? "not served yet"
                : "served in " + String.join(", ", lineage.servedIn().stream()
                        .map(s -> s.environment() + " as " + lower(s.role())).distinct().toList()));
        return text.append(". The same facts are listed under Evidence.").toString();
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(elements::add);
        }
        return elements;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                present.add(p);
            }
        }
        return String.join(" · ", present);
    }

    private static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        String hex = colon < 0 ? digest : digest.substring(colon + 1);
        return hex.length() > 10 ? hex.substring(0, 10) + "…" : hex;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String n(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded);
    }

    private static double n2(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
