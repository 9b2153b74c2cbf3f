package com.acme.registry.mlflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** order_by to a whitelisted ORDER BY list that always ends with a unique tiebreak. */
class MlflowOrderByTest {

    @Test
    void modelDefaultsAndTiebreak() {
        assertThat(MlflowOrderBy.forModels(null)).isEqualTo("m.name ASC");
        assertThat(MlflowOrderBy.forModels(List.of())).isEqualTo("m.name ASC");
        assertThat(MlflowOrderBy.forModels(List.of("name DESC"))).isEqualTo("m.name DESC");
        assertThat(MlflowOrderBy.forModels(List.of("timestamp desc"))).isEqualTo("m.last_updated_at DESC, m.name ASC");
        assertThat(MlflowOrderBy.forModels(List.of("`creation_timestamp` ASC", "\"name\" Desc")))
                .isEqualTo("m.registered_at ASC, m.name DESC");
        assertThat(MlflowOrderBy.forModels(List.of("last_updated_timestamp"))).isEqualTo("m.last_updated_at ASC, m.name ASC");
    }

    @Test
    void versionDefaultIsMlflowsAndTiebreakIsNameThenVersion() {
        assertThat(MlflowOrderBy.forVersions(null)).isEqualTo("v.last_updated_at DESC, v.model_name ASC, v.version DESC");
        assertThat(MlflowOrderBy.forVersions(List.of("version_number ASC"))).isEqualTo("v.version ASC, v.model_name ASC");
        assertThat(MlflowOrderBy.forVersions(List.of("creation_timestamp DESC")))
                .isEqualTo("v.registered_at DESC, v.model_name ASC, v.version DESC");
        assertThat(MlflowOrderBy.forVersions(List.of("attribute.name DESC"))).isEqualTo("v.model_name DESC, v.version DESC");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "foo                     | Invalid order_by key 'foo': allowed are name, timestamp, last_updated_timestamp, creation_timestamp",
            "version_number          | Invalid order_by key 'version_number'",
            "name UP                 | Invalid order_by direction 'UP' in 'name UP': allowed are ASC, DESC",
            "name ASC; DROP TABLE m  | Invalid order_by clause 'name ASC; DROP TABLE m'",
            "name ASC DESC           | Invalid order_by clause",
            "''                      | Invalid order_by clause ''",
    })
    void badModelOrderByIsRefused(String entry, String message) {
        assertThatThrownBy(() -> MlflowOrderBy.forModels(List.of(entry)))
                .isInstanceOfSatisfying(MlflowException.class,
                        e -> assertThat(e.code()).isEqualTo(MlflowErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining(message);
    }

    @Test
    void aFieldSortedTwiceIsRefused() {
        assertThatThrownBy(() -> MlflowOrderBy.forModels(List.of("timestamp", "last_updated_timestamp DESC")))
                .isInstanceOf(MlflowException.class).hasMessageContaining("already sorted by");
        assertThatThrownBy(() -> MlflowOrderBy.forVersions(List.of("name", "name DESC")))
                .isInstanceOf(MlflowException.class).hasMessageContaining("already sorted by");
    }

    @Test
    void nullAndOverlongEntriesAreRefused() {
        assertThatThrownBy(() -> MlflowOrderBy.forVersions(java.util.Arrays.asList("name", null)))
                .isInstanceOf(MlflowException.class).hasMessageContaining("Invalid order_by clause ''");
        assertThatThrownBy(() -> MlflowOrderBy.forVersions(List.of("name" + " ".repeat(200) + "ASC")))
                .isInstanceOf(MlflowException.class).hasMessageContaining("Invalid order_by clause");
        assertThatThrownBy(() -> MlflowOrderBy.forVersions(List.of("source_path")))
                .isInstanceOf(MlflowException.class)
                .hasMessageContaining("allowed are name, version_number, creation_timestamp, timestamp, last_updated_timestamp");
    }
}
