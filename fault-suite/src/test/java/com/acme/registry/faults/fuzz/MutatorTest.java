package com.acme.registry.faults.fuzz;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class MutatorTest {

    private static final Map<String, String> VARIABLES = Map.of("model", "m", "retirable", "r", "version", "3",
            "env", "staging", "approvable", "3", "rejectable", "4", "rollback", "1", "user", "u", "token", "t");

    private final Mutator mutator = new Mutator(7, Bodies.endpoints(), VARIABLES);

    @Test
    void theSweepPutsANulIntoEveryStringOfEveryBodyAndEveryMapKey() {
        List<Case> sweep = mutator.nulSweep(1);
        Set<String> versionFields = sweep.stream().filter(c -> c.path().equals("/api/v1/models/m/versions"))
                .map(Case::field).collect(Collectors.toSet());
        assertThat(versionFields).contains("artifactUri", "datasets[0].name", "signature.inputs[0].type",
                "trainingRun.id", "features[1]", "tags.team", "metrics (key)", "params (key)");
        assertThat(sweep).allSatisfy(c -> assertThat(new String(c.body(), StandardCharsets.UTF_8)).contains("\\u0000"));
        assertThat(sweep.stream().filter(c -> c.field().equals("password")).map(Case::mustRefuse))
                .as("a password may hold anything").containsOnly(false);
        assertThat(sweep.stream().filter(c -> c.field().equals("reason")).map(Case::mustRefuse)).containsOnly(true);
    }

    @Test
    void eachSweepCaseOfANewModelNamesAnotherModel() {
        List<String> bodies = mutator.nulSweep(1).stream().filter(c -> c.path().equals("/api/v1/models"))
                .map(c -> new String(c.body(), StandardCharsets.UTF_8).replaceAll(".*\"name\":\"([^\"]*)\".*", "$1"))
                .toList();
        assertThat(bodies).hasSizeGreaterThan(5).doesNotHaveDuplicates();
    }

    @Test
    void everyWriteEndpointIsDrivenAndPathVariablesResolved() {
        Set<String> endpoints = new HashSet<>();
        for (int n = 0; n < 4_000; n++) {
            Case c = mutator.next(n);
            endpoints.add(c.endpointLabel());
            if (!c.kind().equals("path-segment")) {
                assertThat(c.path()).doesNotContain("{");
            }
        }
        assertThat(endpoints).containsAll(Bodies.endpoints().stream().map(Endpoint::label).toList());
    }

    @Test
    void rawMutationsReachTheWireAsTheyAre() {
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < 6_000; n++) {
            Case c = mutator.next(n);
            String body = c.body() == null ? "" : new String(c.body(), StandardCharsets.ISO_8859_1);
            switch (c.kind()) {
                case "float-for-int" -> assertThat(body).matches("(?s).*:-?[0-9]+\\.5[,}].*");
                case "nan" -> assertThat(body).containsAnyOf(":NaN", ":Infinity", ":-Infinity");
                case "duplicate-key" -> {
                    String first = body.substring(2, body.indexOf('"', 2));
                    assertThat(body.split("\"" + first + "\":", -1)).hasSizeGreaterThan(2);
                }
                case "invalid-utf8-in-string" -> assertThat(c.body()).contains((byte) 0xFF);
                case "unpaired-surrogate-in-string" -> assertThat(body).contains("\\ud800");
                default -> {
                    continue;
                }
            }
            seen.add(c.kind());
            if (c.endpoint().takesBody() && !c.field().equals("password")) {
                assertThat(c.mustRefuse()).as(c.kind() + " is invalid input").isTrue();
            }
        }
        assertThat(seen).contains("float-for-int", "nan", "duplicate-key", "invalid-utf8-in-string",
                "unpaired-surrogate-in-string");
    }

    @Test
    void aMissingFieldMustBeRefusedOnlyWhenItIsRequired() {
        for (int n = 0; n < 5_000; n++) {
            Case c = mutator.next(n);
            if (c.kind().equals("missing-field") && c.endpoint().template().equals("/api/v1/models")) {
                boolean required = Set.of("name", "ownerTeam", "riskTier", "intendedUse").contains(c.field());
                assertThat(c.mustRefuse()).as(c.field()).isEqualTo(required);
            }
        }
    }
}
