package com.acme.registry.ui.model;

import com.acme.registry.lineage.VersionLineage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LineageGraphTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void inputsFeedTheVersionWhichDescendsFromItsParentsAndFeedsTheEnvironments() {
        LineageGraph graph = LineageGraph.of(lineage(3, datasets(2), List.of(
                new VersionLineage.Ancestor(2, T, "bob", "sha256:2", "REGISTERED"),
                new VersionLineage.Ancestor(1, T, "alice", "sha256:1", "REGISTERED")), served()));

        assertThat(kinds(graph)).containsExactly("dataset", "dataset", "features", "source", "run",
                "ancestor", "ancestor", "current", "served");
        assertThat(titles(graph)).contains("applications-0 @ 2026-11-01", "Features (2)", "commit 3f2c1a9",
                "run run-8841",
                "v1", "v2 · parent", "v3 · this version", "production");
        LineageGraph.Node root = node(graph, "v1");
        LineageGraph.Node parent = node(graph, "v2 · parent");
        LineageGraph.Node current = node(graph, "v3 · this version");
        assertThat(root.y()).as("oldest at the top of the chain").isLessThan(parent.y());
        assertThat(parent.y()).isLessThan(current.y());
        assertThat(parent.href()).isEqualTo("/catalog/m/versions/2");
        assertThat(node(graph, "production").href()).isEqualTo("/catalog/m/environments/production");
        assertThat(node(graph, "run run-8841").href()).isEqualTo("https://mlflow.internal/runs/8841");

        // five inputs → version, two parent links, version → production
        assertThat(graph.edges()).extracting(LineageGraph.Edge::kind).containsExactly(
                "input", "input", "input", "input", "input", "parent", "parent", "served");
        String intoCurrent = " " + n(current.x()) + " " + n(current.y() + current.height() / 2);
        assertThat(graph.edges().subList(0, 5)).allSatisfy(e -> assertThat(e.path()).endsWith(intoCurrent));
        assertThat(graph.edges().get(7).path()).startsWith("M" + n(current.x() + current.width()) + " ");
    }

    @Test
    void boxesNeitherOverlapNorLeaveTheDrawing() {
        LineageGraph graph = LineageGraph.of(lineage(9, datasets(12), IntStream.rangeClosed(1, 8).map(i -> 9 - i)
                .mapToObj(v -> new VersionLineage.Ancestor(v, T, "alice", "sha256:x", "REGISTERED")).toList(),
                served()));

        List<LineageGraph.Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            LineageGraph.Node a = nodes.get(i);
            assertThat(a.x()).isGreaterThanOrEqualTo(0);
            assertThat(a.y()).isGreaterThanOrEqualTo(LineageGraph.HEADER);
            assertThat(a.x() + a.width()).isLessThanOrEqualTo(graph.width());
            assertThat(a.y() + a.height()).isLessThanOrEqualTo(graph.height());
            for (int j = i + 1; j < nodes.size(); j++) {
                LineageGraph.Node b = nodes.get(j);
                boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x()
                        || a.y() + a.height() <= b.y() || b.y() + b.height() <= a.y();
                assertThat(apart).as("%s and %s overlap", a.title(), b.title()).isTrue();
            }
        }
        assertThat(titles(graph)).as("long lists are cut with a summary box")
                .contains("+ 4 more datasets", "4 older versions");
        assertThat(kinds(graph).stream().filter("dataset"::equals)).hasSize(LineageGraph.MAX_DATASETS);
        assertThat(kinds(graph).stream().filter("ancestor"::equals)).hasSize(LineageGraph.MAX_ANCESTORS);
    }

    @Test
    void longAndHostileLabelsAreShortenedAndKeptAsPlainTextWithTheWholeTextAsTooltip() {
        String hostile = "<img src=x onerror=alert(1)> with a name far too long for its box";
        JsonNode datasets = JSON.valueToTree(List.of(Map.of("name", hostile, "role", "training")));
        LineageGraph graph = LineageGraph.of(lineage(1, datasets, List.of(), List.of()));

        LineageGraph.Node dataset = graph.nodes().get(0);
        assertThat(dataset.title()).startsWith("<img src=x").endsWith("…");
        assertThat(dataset.title().length() * LineageGraph.TITLE_CHARACTER)
                .isLessThanOrEqualTo(LineageGraph.INPUT_WIDTH - 2 * LineageGraph.PADDING
                        + LineageGraph.TITLE_CHARACTER);
        assertThat(dataset.tooltip()).contains(hostile);
        assertThat(titles(graph)).contains("Not served yet");
    }

    @Test
    void onlyWebLinksBecomeLinks() {
        VersionLineage lineage = new VersionLineage("m", 1, "REGISTERED", "alice", T, "s3://a", "sha256:1",
                JSON.valueToTree(List.of()), JSON.valueToTree(Map.of("id", "r1", "uri", "javascript:alert(1)")),
                null, JSON.valueToTree(List.of()), null, List.of(), List.of());
        assertThat(node(LineageGraph.of(lineage), "run r1").href()).isNull();
    }

    private static VersionLineage lineage(int version, JsonNode datasets, List<VersionLineage.Ancestor> chain,
                                          List<VersionLineage.ServedIn> served) {
        return new VersionLineage("m", version, "REGISTERED", "alice", T, "s3://ml/model.onnx", "sha256:abc",
                datasets, JSON.valueToTree(Map.of("id", "run-8841", "uri", "https://mlflow.internal/runs/8841")),
                JSON.valueToTree(Map.of("repository", "git@github.com:acme/credit-models.git", "commit", "3f2c1a9")),
                JSON.valueToTree(List.of("income", "utilization_90d")), chain.isEmpty() ? null : chain.get(0).version(),
                chain, served);
    }

    private static JsonNode datasets(int count) {
        List<Map<String, String>> datasets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            datasets.add(Map.of("name", "applications-" + i, "version", "2026-11-01", "role",
                    i % 2 == 0 ? "training" : "validation", "digest", "sha256:" + "0".repeat(64)));
        }
        return JSON.valueToTree(datasets);
    }

    private static List<VersionLineage.ServedIn> served() {
        return List.of(new VersionLineage.ServedIn("production", "CHAMPION",
                List.of(new VersionLineage.Interval(T, null, 100))));
    }

    private static List<String> kinds(LineageGraph graph) {
        return graph.nodes().stream().map(LineageGraph.Node::kind).toList();
    }

    private static List<String> titles(LineageGraph graph) {
        return graph.nodes().stream().map(LineageGraph.Node::title).toList();
    }

    private static LineageGraph.Node node(LineageGraph graph, String title) {
        return graph.nodes().stream().filter(n -> n.title().equals(title)).findFirst().orElseThrow(() ->
                new AssertionError("no node " + title + " in " + titles(graph)));
    }

    private static String n(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
