package com.acme.registry.mlflow;

import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The produced SQL run on PostgreSQL: which rows each filter selects, and in which order. */
class MlflowFilterPostgresTest {

    private static Connection db;

    @BeforeAll
    static void createTables() throws SQLException {
        TestDatabase.Coordinates coordinates = TestDatabase.fresh("mlflow_filter");
        db = DriverManager.getConnection(coordinates.url(), coordinates.user(), coordinates.password());
        try (Statement s = db.createStatement()) {
            s.execute("""
                    CREATE TABLE models (name text PRIMARY KEY, tags jsonb NOT NULL,
                        registered_at timestamptz NOT NULL, last_updated_at timestamptz NOT NULL)""");
            s.execute("""
                    CREATE TABLE versions (model_name text, version int, artifact_uri text, training_run jsonb,
                        tags jsonb NOT NULL, registered_at timestamptz NOT NULL, last_updated_at timestamptz NOT NULL,
                        PRIMARY KEY (model_name, version))""");
            s.execute("""
                    INSERT INTO models VALUES
                      ('Fraud', '{"team": "risk"}', '2026-01-01', '2026-03-01'),
                      ('fraud-v2', '{"team": "Risk", "mlflow.prompt.is_prompt": "false"}', '2026-01-02', '2026-01-02'),
                      ('fraudXv3', '{}', '2026-01-03', '2026-02-01'),
                      ('fraud_v4', '{"team": "o''brien\\\\x"}', '2026-01-04', '2026-01-04'),
                      ('o''brien\\', '{"note": "100%"}', '2026-01-05', '2026-01-05'),
                      ('a-prompt', '{"mlflow.prompt.is_prompt": "true"}', '2026-01-06', '2026-01-06')""");
            s.execute("""
                    INSERT INTO versions VALUES
                      ('Fraud', 1, 's3://b/fraud/1', '{"id": "run1"}', '{}', '2026-01-01', '2026-01-01'),
                      ('Fraud', 2, 's3://b/fraud/2', '{"id": "run2"}', '{"stage": "prod"}', '2026-01-02', '2026-01-09'),
                      ('Fraud', 10, 's3://b/fraud/10', NULL, '{}', '2026-01-03', '2026-01-03'),
                      ('Churn', 1, 'gs://c/1', '{"id": "run3"}', '{"stage": "PROD"}', '2026-01-04', '2026-01-04')""");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void nameEqualityIsExactAndLikeIsCaseSensitiveWhileIlikeIsNot() throws SQLException {
        assertThat(models("name = 'fraud'")).isEmpty();
        assertThat(models("name = 'Fraud'")).containsExactlyInAnyOrder("Fraud");
        assertThat(models("name LIKE 'fraud%'")).containsExactlyInAnyOrder("fraud-v2", "fraud_v4", "fraudXv3");
        assertThat(models("name ILIKE 'fraud%'")).containsExactlyInAnyOrder("Fraud", "fraud-v2", "fraud_v4", "fraudXv3");
        assertThat(models("name != 'Fraud' AND name LIKE '%v_'")).containsExactlyInAnyOrder("fraud-v2", "fraud_v4", "fraudXv3");
    }

    @Test
    void underscoreIsAWildcardUnlessEscaped() throws SQLException {
        assertThat(models("name LIKE 'fraud_v%'")).containsExactlyInAnyOrder("fraud-v2", "fraud_v4", "fraudXv3");
        assertThat(models("name LIKE 'fraud\\_v%'")).containsExactlyInAnyOrder("fraud_v4");
        assertThat(models("tags.note LIKE '100\\%'")).containsExactlyInAnyOrder("o'brien\\");
    }

    @Test
    void tagClausesOnlyMatchRowsWithTheTag() throws SQLException {
        assertThat(models("tags.team = 'risk'")).containsExactlyInAnyOrder("Fraud");
        assertThat(models("tags.team ILIKE 'RISK'")).containsExactlyInAnyOrder("Fraud", "fraud-v2");
        assertThat(models("tags.team != 'risk'")).containsExactlyInAnyOrder("fraud-v2", "fraud_v4");
        assertThat(models("tags.team LIKE '%'")).containsExactlyInAnyOrder("Fraud", "fraud-v2", "fraud_v4");
    }

    @Test
    void mlflowsNotAPromptClauseKeepsModelsWithoutTheTag() throws SQLException {
        List<String> allButThePrompt = List.of("Fraud", "a-prompt", "fraud-v2", "fraudXv3", "fraud_v4", "o'brien\\");
        assertThat(models("tags.`mlflow.prompt.is_prompt` != 'true'"))
                .containsExactlyInAnyOrderElementsOf(allButThePrompt.stream().filter(n -> !n.equals("a-prompt")).toList());
        assertThat(models("tags.`mlflow.prompt.is_prompt` = 'false' AND name ILIKE 'F%'"))
                .containsExactlyInAnyOrder("Fraud", "fraud-v2", "fraudXv3", "fraud_v4");
        assertThat(models("tags.`mlflow.prompt.is_prompt` = 'true'")).containsExactlyInAnyOrder("a-prompt");
        assertThat(models("")).containsExactlyInAnyOrderElementsOf(allButThePrompt);
    }

    @Test
    void quotesAndBackslashesInUserTextAreData() throws SQLException {
        assertThat(models("name = \"o'brien\\\"")).containsExactlyInAnyOrder("o'brien\\");
        assertThat(models("tags.team = \"o'brien\\x\"")).containsExactlyInAnyOrder("fraud_v4");
        assertThat(models("tags.`team'); DROP TABLE models; --` = 'x'")).isEmpty();
        assertThat(models("name = 'x''; DROP TABLE models; --'")).isEmpty();
        assertThat(models("name LIKE '%'")).hasSize(6);
    }

    @Test
    void versionFilters() throws SQLException {
        assertThat(versions("name = 'Fraud' AND version_number > 1")).containsExactly("Fraud/2", "Fraud/10");
        assertThat(versions("version_number <= 1")).containsExactly("Churn/1", "Fraud/1");
        assertThat(versions("run_id IN ('run1', 'run3')")).containsExactly("Churn/1", "Fraud/1");
        assertThat(versions("run_id != 'run1'")).containsExactly("Churn/1", "Fraud/2");
        assertThat(versions("source_path LIKE 's3://b/fraud/1%'")).containsExactly("Fraud/1", "Fraud/10");
        assertThat(versions("tags.stage ILIKE 'prod'")).containsExactly("Churn/1", "Fraud/2");
        assertThat(versions("tags.stage = 'prod'")).containsExactly("Fraud/2");
    }

    @Test
    void orderByClausesRunAndBreakTies() throws SQLException {
        assertThat(models("", List.of("last_updated_timestamp DESC")).subList(0, 2)).containsExactly("Fraud", "fraudXv3");
        assertThat(models("name LIKE 'fraud%'", List.of("creation_timestamp DESC")))
                .containsExactly("fraud_v4", "fraudXv3", "fraud-v2");
        assertThat(versions("", null)).containsExactly("Fraud/2", "Churn/1", "Fraud/10", "Fraud/1");
        assertThat(versions("", List.of("version_number DESC"))).containsExactly("Fraud/10", "Fraud/2", "Churn/1", "Fraud/1");
    }

    @Test
    void pageTokensPageThroughTheOrder() throws SQLException {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            int offset = MlflowPageToken.decode(token);
            List<String> page = query("SELECT m.name FROM models m ORDER BY " + MlflowOrderBy.forModels(null)
                    + " LIMIT 3 OFFSET " + offset, new SqlCondition("TRUE", List.of()));
            seen.addAll(page);
            token = page.size() == 3 ? MlflowPageToken.encode(offset + 3) : null;
        } while (token != null);
        assertThat(seen).hasSize(6).containsExactlyElementsOf(models(""));
    }

    private static List<String> models(String filter) throws SQLException {
        return models(filter, List.of());
    }

    private static List<String> models(String filter, List<String> orderBy) throws SQLException {
        SqlCondition condition = MlflowFilter.forModels(filter);
        return query("SELECT m.name FROM models m WHERE " + condition.sql() + " ORDER BY "
                + MlflowOrderBy.forModels(orderBy), condition);
    }

    private static List<String> versions(String filter) throws SQLException {
        return versions(filter, List.of("name ASC", "version_number ASC"));
    }

    private static List<String> versions(String filter, List<String> orderBy) throws SQLException {
        SqlCondition condition = MlflowFilter.forVersions(filter);
        return query("SELECT v.model_name || '/' || v.version FROM versions v WHERE " + condition.sql()
                + " ORDER BY " + MlflowOrderBy.forVersions(orderBy), condition);
    }

    private static List<String> query(String sql, SqlCondition condition) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < condition.args().size(); i++) {
                statement.setObject(i + 1, condition.args().get(i));
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }
}
