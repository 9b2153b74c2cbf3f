package com.acme.registry.ui.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.acme.registry.ui.model.MetricDirection.HIGHER_IS_BETTER;
import static com.acme.registry.ui.model.MetricDirection.LOWER_IS_BETTER;
import static com.acme.registry.ui.model.MetricDirection.Verdict.BETTER;
import static com.acme.registry.ui.model.MetricDirection.Verdict.SAME;
import static com.acme.registry.ui.model.MetricDirection.Verdict.WORSE;
import static org.assertj.core.api.Assertions.assertThat;

class MetricDirectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"loss", "val_loss", "logloss", "log-loss", "error", "errorRate", "error_rate", "rmse",
            "RMSE", "val_rmse", "mae", "mse", "mape", "brier", "brier_score", "psi", "psi_score", "feature-psi",
            "latency", "p99_latency_ms", "p99LatencyMs", "ece", "fpr"})
    void lossesErrorsDriftAndLatencyAreBetterLower(String metric) {
        assertThat(MetricDirection.of(metric)).isEqualTo(LOWER_IS_BETTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"auc", "roc_auc", "ks", "gini", "accuracy", "precision", "recall", "f1", "map@10",
            "approval_rate", "lift_decile_1", "samples", "maestro_score", ""})
    void everythingElseIsBetterHigher(String metric) {
        assertThat(MetricDirection.of(metric)).isEqualTo(HIGHER_IS_BETTER);
    }

    @Test
    void abbreviationsCountOnlyAsWholeWords() {
        assertThat(MetricDirection.of("maestro")).as("contains 'mae' but is not MAE").isEqualTo(HIGHER_IS_BETTER);
        assertThat(MetricDirection.of("topsis")).as("contains 'psi' but is not PSI").isEqualTo(HIGHER_IS_BETTER);
        assertThat(MetricDirection.of("mae_30d")).isEqualTo(LOWER_IS_BETTER);
    }

    @Test
    void nullNameIsHigherIsBetter() {
        assertThat(MetricDirection.of(null)).isEqualTo(HIGHER_IS_BETTER);
    }

    @Test
    void judgesByDirection() {
        assertThat(HIGHER_IS_BETTER.judge(0.871, 0.861)).isEqualTo(BETTER);
        assertThat(HIGHER_IS_BETTER.judge(0.85, 0.861)).isEqualTo(WORSE);
        assertThat(LOWER_IS_BETTER.judge(0.30, 0.35)).isEqualTo(BETTER);
        assertThat(LOWER_IS_BETTER.judge(0.40, 0.35)).isEqualTo(WORSE);
        assertThat(LOWER_IS_BETTER.judge(0.35, 0.35)).isEqualTo(SAME);
    }

    @Test
    void comparisonListsEveryMetricOfEitherVersionWithDifferenceAndVerdict() {
        MetricComparison comparison = MetricComparison.of(
                java.util.Map.of("auc", 0.871, "logloss", 0.41, "new_metric", 1.0),
                java.util.Map.of("auc", 0.861, "logloss", 0.39, "old_metric", 2.0));

        assertThat(comparison.rows()).extracting(MetricComparison.Row::metric)
                .containsExactly("auc", "logloss", "new_metric", "old_metric");
        MetricComparison.Row auc = comparison.rows().get(0);
        assertThat(auc.deltaText()).isEqualTo("+0.01");
        assertThat(auc.verdict()).isEqualTo(BETTER);
        MetricComparison.Row logloss = comparison.rows().get(1);
        assertThat(logloss.deltaText()).isEqualTo("+0.02");
        assertThat(logloss.verdict()).as("a higher loss is worse").isEqualTo(WORSE);
        assertThat(comparison.rows().get(2).verdict()).isNull();
        assertThat(comparison.rows().get(2).referenceText()).isEqualTo("—");
        assertThat(comparison.rows().get(3).valueText()).isEqualTo("—");
        assertThat(comparison.better()).isEqualTo(1);
        assertThat(comparison.worse()).isEqualTo(1);
    }

    @Test
    void formatsValuesWithoutFloatingPointNoise() {
        assertThat(MetricFormat.value(0.871)).isEqualTo("0.871");
        assertThat(MetricFormat.value(0.5)).isEqualTo("0.5");
        assertThat(MetricFormat.value(35)).isEqualTo("35");
        assertThat(MetricFormat.value(1234.5678)).isEqualTo("1,235");
        assertThat(MetricFormat.value(0.123456)).isEqualTo("0.1235");
        assertThat(MetricFormat.value(0.00001234)).isEqualTo("1.234E-5");
        assertThat(MetricFormat.delta(0.871 - 0.861)).isEqualTo("+0.01");
        assertThat(MetricFormat.delta(0.35 - 0.4)).isEqualTo("\u22120.05");
        assertThat(MetricFormat.delta(0)).isEqualTo("±0");
    }
}
