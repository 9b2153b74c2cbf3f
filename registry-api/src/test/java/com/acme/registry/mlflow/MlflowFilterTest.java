package com.acme.registry.mlflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MLflow's filter grammar to SQL: exact SQL and arguments for good filters, a named refusal for bad ones. */
class MlflowFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void noFilterMatchesEverything(String filter) {
        assertThat(MlflowFilter.forModels(filter)).isEqualTo(new SqlCondition("TRUE", List.of()));
        assertThat(MlflowFilter.forVersions(filter)).isEqualTo(new SqlCondition("TRUE", List.of()));
        assertThat(MlflowFilter.forModels(null)).isEqualTo(new SqlCondition("TRUE", List.of()));
    }

    @Test
    void modelNameComparators() {
        assertThat(MlflowFilter.forModels("name = 'fraud'")).isEqualTo(condition("m.name = ?", "fraud"));
        assertThat(MlflowFilter.forModels("name != \"fraud\"")).isEqualTo(condition("m.name <> ?", "fraud"));
        assertThat(MlflowFilter.forModels("name like 'fr%'")).isEqualTo(condition("m.name LIKE ?", "fr%"));
        assertThat(MlflowFilter.forModels("name ILike '%FR_ud'")).isEqualTo(condition("m.name ILIKE ?", "%FR_ud"));
        assertThat(MlflowFilter.forModels("attribute.name='x'")).isEqualTo(condition("m.name = ?", "x"));
        assertThat(MlflowFilter.forModels("`name` = 'x'")).isEqualTo(condition("m.name = ?", "x"));
    }

    @Test
    void tagKeysBareBacktickedOrQuotedAndTheirValuesAreArguments() {
        assertThat(MlflowFilter.forModels("tags.team = 'risk'")).isEqualTo(condition("(m.tags->>?) = ?", "team", "risk"));
        assertThat(MlflowFilter.forModels("tag.my-team.v2 != 'risk'"))
                .isEqualTo(condition("(m.tags->>?) <> ?", "my-team.v2", "risk"));
        assertThat(MlflowFilter.forModels("tags.`a key; DROP TABLE m` LIKE 'r%'"))
                .isEqualTo(condition("(m.tags->>?) LIKE ?", "a key; DROP TABLE m", "r%"));
        assertThat(MlflowFilter.forVersions("tags.\"stage.x\" ILIKE '%Prod%'"))
                .isEqualTo(condition("(v.tags->>?) ILIKE ?", "stage.x", "%Prod%"));
    }

    @Test
    void clausesAreJoinedByAndInAnyCase() {
        assertThat(MlflowFilter.forModels("name LIKE 'a%' and tags.team = 'risk' AnD name != 'ab'"))
                .isEqualTo(condition("m.name LIKE ? AND (m.tags->>?) = ? AND m.name <> ?", "a%", "team", "risk", "ab"));
    }

    @Test
    void quotedValuesKeepWhatIsBetweenTheQuotesAsMlflowDoes() {
        assertThat(MlflowFilter.forModels("name = 'it''s'")).isEqualTo(condition("m.name = ?", "it''s"));
        assertThat(MlflowFilter.forModels("name = 'a\\'b' AND name = \"say \"\"hi\"\"\""))
                .isEqualTo(condition("m.name = ? AND m.name = ?", "a\\'b", "say \"\"hi\"\""));
        assertThat(MlflowFilter.forModels("name = 'AND name = OR'")).isEqualTo(condition("m.name = ?", "AND name = OR"));
        assertThat(MlflowFilter.forModels("name = ''")).isEqualTo(condition("m.name = ?", ""));
        // sqlparse backtracks: a backslash before the closing quote ends the value when nothing else would
        assertThat(MlflowFilter.forModels("name = 'C:\\dir\\'")).isEqualTo(condition("m.name = ?", "C:\\dir\\"));
        assertThat(MlflowFilter.forModels("name = 'a\\\\'")).isEqualTo(condition("m.name = ?", "a\\\\"));
    }

    @Test
    void versionAttributes() {
        assertThat(MlflowFilter.forVersions("name = 'fraud' AND version_number >= 3"))
                .isEqualTo(condition("v.model_name = ? AND v.version >= ?", "fraud", 3));
        assertThat(MlflowFilter.forVersions("version_number < '10'")).isEqualTo(condition("v.version < ?", 10));
        assertThat(MlflowFilter.forVersions("source_path LIKE 's3://bucket/%'"))
                .isEqualTo(condition("v.artifact_uri LIKE ?", "s3://bucket/%"));
        assertThat(MlflowFilter.forVersions("run_id = 'abc'")).isEqualTo(condition("(v.training_run->>'id') = ?", "abc"));
        assertThat(MlflowFilter.forVersions("run_id IN ('a1', \"b2\" ,'c3')"))
                .isEqualTo(condition("(v.training_run->>'id') IN (?, ?, ?)", "a1", "b2", "c3"));
        assertThat(MlflowFilter.forVersions("run_id in ('a1')")).isEqualTo(condition("(v.training_run->>'id') IN (?)", "a1"));
    }

    @Test
    void thePromptTagClauseKeepsRowsWithoutTheTagAsMlflowDoes() {
        SqlCondition notPrompt = condition("(m.tags->>?) IS DISTINCT FROM ?", MlflowFilter.PROMPT_TAG, "true");
        assertThat(MlflowFilter.forModels("tags.`mlflow.prompt.is_prompt` != 'true'")).isEqualTo(notPrompt);
        assertThat(MlflowFilter.forModels("tags.`mlflow.prompt.is_prompt` = 'false'")).isEqualTo(notPrompt);
        assertThat(MlflowFilter.forModels("name LIKE 'a%' AND tags.`mlflow.prompt.is_prompt` != 'true'"))
                .isEqualTo(condition("m.name LIKE ? AND (m.tags->>?) IS DISTINCT FROM ?", "a%",
                        MlflowFilter.PROMPT_TAG, "true"));
        assertThat(MlflowFilter.forModels("tags.`mlflow.prompt.is_prompt` = 'true'"))
                .isEqualTo(condition("(m.tags->>?) = ?", MlflowFilter.PROMPT_TAG, "true"));
        assertThat(MlflowFilter.forVersions("tags.`mlflow.prompt.is_prompt` != 'true'"))
                .isEqualTo(condition("(v.tags->>?) IS DISTINCT FROM ?", MlflowFilter.PROMPT_TAG, "true"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "foo = 'x'                    | Invalid attribute key 'foo' in filter: allowed are name, tags.<key>",
            "run_id = 'x'                 | Invalid attribute key 'run_id' in filter: allowed are name, tags.<key>",
            "name > 'x'                   | Invalid comparator '>' for name: allowed are =, !=, LIKE, ILIKE",
            "name IN ('x')                | Invalid comparator 'IN' for name",
            "tags.t < 'x'                 | Invalid comparator '<' for tags.t",
            "name = x                     | Invalid value x for name: string values must be quoted",
            "name = 5                     | Invalid value 5 for name: expected a quoted string",
            "name = 'a' OR name = 'b'     | OR is not supported",
            "name = 'a' or name = 'b'     | OR is not supported",
            "name = 'a' name = 'b'        | expected AND between clauses",
            "name = 'a' AND               | ends with AND",
            "name = 'a'; DELETE FROM m    | expected AND between clauses",
            "(name = 'a')                 | expected a key such as name or tags.<key>",
            "name =                       | missing value after 'name ='",
            "name                         | expected a comparator after name",
            "name == 'a'                  | Invalid comparator '=='",
            "name <> 'a'                  | Invalid comparator '<>'",
            "name NOT LIKE 'a'            | NOT LIKE and NOT IN are not supported",
            "name REGEXP 'a'              | Invalid comparator 'REGEXP'",
            "name = 'abc                  | unterminated quoted value",
            "metrics.acc > 1              | Invalid entity type 'metrics' in filter: allowed are attribute, tag, tags",
            "attributes.name = 'a'        | Invalid entity type 'attributes'",
            "tags. = 'a'                  | empty key after 'tags.'",
            "tags.`a = 'b'                | unterminated quoted key",
            "name LIKE 'abc\\'            | must not end with an unescaped backslash",
    })
    void badModelFiltersAreRefusedNamingTheProblem(String filter, String message) {
        assertThatThrownBy(() -> MlflowFilter.forModels(filter))
                .isInstanceOfSatisfying(MlflowException.class,
                        e -> assertThat(e.code()).isEqualTo(MlflowErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "foo = 'x'                       | Invalid attribute key 'foo' in filter: allowed are name, run_id, source_path, version_number, tags.<key>",
            "version_number LIKE '1'         | Invalid comparator 'LIKE' for version_number: allowed are =, !=, <, <=, >, >=",
            "version_number = 'one'          | Invalid value 'one' for version_number: expected an integer",
            "version_number = 1.5            | Invalid value 1.5 for version_number: expected an integer",
            "version_number = 99999999999    | expected an integer",
            "run_id IN 'a'                   | IN needs a list of quoted values",
            "run_id IN ()                    | expected a non-empty list of quoted values",
            "run_id IN (a, b)                | expected a non-empty list of quoted values",
            "run_id IN ('a' 'b')             | expected ',' or ')' after a value",
            "run_id = ('a')                  | Invalid value ('a') for run_id: expected a quoted string",
            "source_path IN ('a')            | Invalid comparator 'IN' for source_path",
            "tags.t = 1                      | Invalid value 1 for tags.t: expected a quoted string",
    })
    void badVersionFiltersAreRefusedNamingTheProblem(String filter, String message) {
        assertThatThrownBy(() -> MlflowFilter.forVersions(filter))
                .isInstanceOfSatisfying(MlflowException.class,
                        e -> assertThat(e.code()).isEqualTo(MlflowErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining(message);
    }

    @Test
    void tooLongOrTooManyClausesAreRefused() {
        String twenty = String.join(" AND ", java.util.Collections.nCopies(20, "name = 'a'"));
        assertThat(MlflowFilter.forModels(twenty).args()).hasSize(20);
        assertThatThrownBy(() -> MlflowFilter.forModels(twenty + " AND name = 'a'"))
                .isInstanceOf(MlflowException.class).hasMessageContaining("more than 20 clauses");
        assertThatThrownBy(() -> MlflowFilter.forModels("name = '" + "x".repeat(4_000) + "'"))
                .isInstanceOf(MlflowException.class).hasMessageContaining("at most 4000 are allowed");
    }

    private static SqlCondition condition(String sql, Object... args) {
        return new SqlCondition(sql, List.of(args));
    }
}
