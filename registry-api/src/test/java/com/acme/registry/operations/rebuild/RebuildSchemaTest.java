package com.acme.registry.operations.rebuild;

import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rebuild's schema against the real migrations: an exact empty copy, a swap that keeps every name. */
class RebuildSchemaTest {

    private static final DataSource DATABASE = TestDatabase.migrated("rebuild-schema");

    private final JdbcTemplate jdbc = new JdbcTemplate(DATABASE);
    private final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(DATABASE));
    private final RebuildSchema schema = new RebuildSchema(jdbc);

    @BeforeEach
    void noRebuild() {
        schema.drop();
    }

    @Test
    void theCopyHasEveryReadModelTableWithTheLiveColumnsIndexesAndConstraintNames() {
        assertThat(schema.inProgress()).isEmpty();
        transactions.executeWithoutResult(s -> schema.create("2026-12-06T10:00:00Z adam"));

        assertThat(schema.inProgress()).contains("2026-12-06T10:00:00Z adam");
        assertThat(schema.matchesLiveTables()).isTrue();
        assertThat(indexes(RebuildSchema.SCHEMA)).isEqualTo(indexes("public"));
        assertThat(jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " ORDER BY 1", String.class, RebuildSchema.SCHEMA))
                .containsExactlyInAnyOrderElementsOf(RebuildSchema.TABLES);
        // the live read-model tables are every table whose rows a reset of the group used to truncate
        assertThat(RebuildSchema.TABLES).hasSize(12);
    }

    @Test
    void aTableThatChangedSinceTheCopyNoLongerMatches() {
        transactions.executeWithoutResult(s -> schema.create("2026-12-06T10:00:00Z adam"));
        jdbc.execute("ALTER TABLE public.serving_state ADD COLUMN added_later TEXT");
        try {
            assertThat(schema.matchesLiveTables()).isFalse();
            transactions.executeWithoutResult(s -> schema.create("2026-12-06T10:00:00Z adam"));
            assertThat(schema.matchesLiveTables()).isTrue();
        } finally {
            jdbc.execute("ALTER TABLE public.serving_state DROP COLUMN added_later");
        }
    }

    @Test
    void theSwapPutsTheCopyInPlaceUnderTheSameNamesAndDropsTheSchema() {
        List<String> before = indexes("public");
        jdbc.update("INSERT INTO serving_artifact (model_name, version, uri, digest) VALUES ('live', 1, 'u', 'd')");
        transactions.executeWithoutResult(s -> schema.create("2026-12-06T10:00:00Z adam"));
        jdbc.update("INSERT INTO " + RebuildSchema.SCHEMA + ".serving_artifact (model_name, version, uri, digest)"
                + " VALUES ('rebuilt', 1, 'u', 'd')");

        transactions.executeWithoutResult(s -> schema.swap());

        assertThat(jdbc.queryForList("SELECT model_name FROM serving_artifact", String.class)).containsExactly("rebuilt");
        assertThat(indexes("public")).isEqualTo(before);
        assertThat(schema.inProgress()).isEmpty();
        jdbc.update("DELETE FROM serving_artifact");
    }

    @Test
    void theRebuildsTransactionsCannotReachTheLiveTables() {
        transactions.executeWithoutResult(s -> schema.create("2026-12-06T10:00:00Z adam"));
        jdbc.execute("CREATE TABLE public.not_listed (id INT)");
        try {
            assertThatThrownBy(() -> transactions.executeWithoutResult(s -> {
                jdbc.execute("SET LOCAL search_path TO " + RebuildSchema.SCHEMA);
                jdbc.update("INSERT INTO catalog_version_metric (model_name, version, metric, value)"
                        + " VALUES ('m', 1, 'auc', 0.5)");
                jdbc.update("INSERT INTO not_listed (id) VALUES (1)");
            })).isInstanceOf(BadSqlGrammarException.class).hasMessageContaining("not_listed");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM public.not_listed", Integer.class)).isZero();
        } finally {
            jdbc.execute("DROP TABLE public.not_listed");
        }
    }

    /** Every index of the read-model tables in {@code schema}: name and definition without the schema. */
    private List<String> indexes(String schemaName) {
        return jdbc.queryForList("SELECT indexname || ' ' || replace(indexdef, ' ON ' || schemaname || '.', ' ON ')"
                + " FROM pg_indexes WHERE schemaname = ? AND tablename = ANY (?) ORDER BY 1", String.class,
                schemaName, RebuildSchema.TABLES.toArray(String[]::new));
    }
}
