package com.acme.registry.compliance;

import com.acme.registry.promotion.PromotionQueries;
import com.acme.registry.promotion.ReleaseHistory;
import com.acme.registry.rollout.RollbackAcknowledged;
import com.acme.registry.support.TestDatabase;
import com.acme.registry.web.PageRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.temporal.ChronoUnit;

import static com.acme.registry.promotion.ReleaseHistory.M;
import static com.acme.registry.promotion.ReleaseHistory.T0;
import static com.acme.registry.promotion.ReleaseHistory.TABLES;
import static com.acme.registry.promotion.ReleaseHistory.at;
import static com.acme.registry.promotion.ReleaseHistory.events;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The releases view over the release records the governance projection writes ({@link ReleaseHistory}), against
 * a real migrated PostgreSQL without Spring.
 */
class ReleaseQueriesTest {

    private static JdbcTemplate jdbc;

    private ReleaseHistory writer;
    private ReleaseQueries queries;

    @BeforeAll
    static void database() {
        jdbc = new JdbcTemplate(TestDatabase.migrated("releases"));
    }

    @BeforeEach
    void empty() {
        TABLES.forEach(t -> jdbc.update("DELETE FROM " + t));
        writer = new ReleaseHistory(jdbc);
        queries = new ReleaseQueries(jdbc, JsonMapper.builder().build(), new PromotionQueries(jdbc));
    }

    @Test
    void theReleasesViewFlagsBothKindsOfException() {
        events().forEach(writer::apply);

        var page = queries.releases("production", T0, T0.plus(1, ChronoUnit.HOURS), null, PageRequest.of(0, 10));

        assertThat(page.totalItems()).isEqualTo(3);
        assertThat(page.items()).extracting(r -> r.kind() + " v" + r.version() + " " + r.exceptions())
                .containsExactly("ROLLOUT v1 []", "ROLLOUT v2 [APPROVED_AFTER_RELEASE]",
                        "ROLLBACK v1 [EMERGENCY_ROLLBACK_UNACKNOWLEDGED]");
        ReleaseView rollback = page.items().get(2);
        assertThat(rollback.promotionRequest().number()).isEqualTo(1);
        assertThat(rollback.promotionRequest().policy().requiredApprovals()).isEqualTo(2);
        assertThat(rollback.approvals()).extracting(a -> a.approvedBy()).containsExactly("rita", "ravi");
        assertThat(page.items().get(1).approvals()).extracting(a -> a.approvedBy())
                .containsExactly("rita", "ravi", "late-reviewer");
        assertThat(rollback.evidence()).as("no catalog rows in this database").isNull();

        writer.apply(at(40, 40, "ravi", new RollbackAcknowledged(M, 1, "ravi", "reviewed")));

        var acknowledged = queries.releases("production", T0, T0.plus(1, ChronoUnit.HOURS), M, PageRequest.of(0, 10));
        assertThat(acknowledged.items().get(2).exceptions()).isEmpty();
        assertThat(acknowledged.items().get(2).rollback().acknowledgedBy()).isEqualTo("ravi");
        assertThat(queries.releases("staging", T0, T0.plus(1, ChronoUnit.HOURS), M, PageRequest.of(0, 10)).items())
                .singleElement().satisfies(r -> {
                    assertThat(r.promotionRequest()).isNull();
                    assertThat(r.approvals()).isEmpty();
                    assertThat(r.exceptions()).isEmpty();
                });
    }
}
