package com.acme.registry.bench.figures;

import com.acme.registry.bench.load.Latencies;
import com.acme.registry.bench.load.LoadResult;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MlflowRegistrationsTest {

    @Test
    @SuppressWarnings("unchecked")
    void createBodyCarriesTheEvidenceTagsTheMlflowDoorNeeds() {
        Map<String, Object> body = MlflowRegistrations.createVersionBody("bench-m-x-0-3-1", 7);
        assertThat(body).containsEntry("name", "bench-m-x-0-3-1")
                .containsEntry("source", "s3://bench/bench-m-x-0-3-1/7");
        assertThat((String) body.get("run_id")).matches("[0-9a-f]{32}");
        List<Map<String, String>> tags = (List<Map<String, String>>) body.get("tags");
        assertThat(tags).extracting(t -> t.get("key"))
                .containsExactly("registry.artifact_digest", "registry.framework");
        assertThat(tags.get(0).get("value")).matches("sha256:[0-9a-f]{64}");
        assertThat(tags.get(1).get("value")).isEqualTo("onnx");
    }

    @Test
    void everyVersionOfEveryModelHasItsOwnArtifactAndTheBodiesAreRepeatable() {
        Set<Object> digests = new HashSet<>();
        for (String model : List.of("m-0-0", "m-0-1")) {
            for (int n = 1; n <= 32; n++) {
                digests.add(MlflowRegistrations.createVersionBody(model, n).get("tags"));
            }
        }
        assertThat(digests).hasSize(64);
        assertThat(MlflowRegistrations.createVersionBody("m-0-0", 1))
                .isEqualTo(MlflowRegistrations.createVersionBody("m-0-0", 1));
    }

    @Test
    void eachClientHasModelsOfItsOwn() {
        List<List<String>> models = MlflowRegistrations.models("bench-m-r-0-", 8, 4);
        assertThat(models).hasSize(8).allSatisfy(ofClient -> assertThat(ofClient).hasSize(4));
        assertThat(models.stream().flatMap(List::stream).distinct().count()).isEqualTo(32);
        assertThat(models.get(2)).containsExactly("bench-m-r-0-2-0", "bench-m-r-0-2-1", "bench-m-r-0-2-2",
                "bench-m-r-0-2-3");
    }

    @Test
    void thePathsAlternateInAbbaOrderSoThatADriftCancelsOut() {
        assertThat(MlflowRegistrations.phases(2)).containsExactly("native", "mlflow", "mlflow", "native");
        assertThat(MlflowRegistrations.phases(3)).containsExactly("native", "mlflow", "mlflow", "native", "native",
                "mlflow");
    }

    @Test
    void roundsMergeIntoOneRateOverAllTheirSeconds() {
        LoadResult first = result(100, 10, 1, "boom");
        LoadResult second = result(300, 10, 0, null);
        LoadResult merged = MlflowRegistrations.merge(List.of(first, second));
        assertThat(merged.perSecond()).isCloseTo(20.0, within(1e-9));
        assertThat(merged.errors()).isEqualTo(1);
        assertThat(merged.firstError()).isEqualTo("boom");
        assertThat(merged.latencies().count()).isEqualTo(400);
    }

    private static LoadResult result(int completed, double seconds, long errors, String firstError) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < completed; i++) {
            latencies.recordNanos(1_000_000);
        }
        return new LoadResult(latencies, completed, errors, 0, seconds, firstError);
    }
}
