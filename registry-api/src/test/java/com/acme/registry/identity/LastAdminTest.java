package com.acme.registry.identity;

import com.acme.registry.audit.AuditLog;
import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.support.TestDatabase;
import com.acme.registry.validation.RuleViolationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import javax.sql.DataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nobody can disable or demote the last enabled ADMIN, also not two admins racing to remove each other. */
class LastAdminTest {

    private JdbcTemplate jdbc;
    private UserAccounts users;
    private TransactionTemplate transaction;
    private final List<Object> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void database() {
        DataSource dataSource = TestDatabase.migrated("lastadmin");
        jdbc = new JdbcTemplate(dataSource);
        users = new UserAccounts(jdbc, new BCryptPasswordEncoder(4),
                new SecurityAudit(new AuditLog(jdbc), JsonMapper.builder().build()), published::add);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void theLastAdminCanBeNeitherDisabledNorDemoted() {
        users.create("root", "a-long-passphrase", Set.of(Role.ADMIN), "test");

        assertThatThrownBy(() -> inTransaction(() -> users.setEnabled("root", false, "adam")))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("last enabled ADMIN");
        assertThatThrownBy(() -> inTransaction(() -> users.replaceRoles("root", Set.of(Role.COMPLIANCE), "adam")))
                .isInstanceOf(RuleViolationException.class);
        assertThat(users.find("root").orElseThrow().enabled()).isTrue();
        assertThat(users.find("root").orElseThrow().roles()).containsExactly(Role.ADMIN);
        assertThat(recorded("UserDisabled")).as("a refused change leaves no record").isEmpty();
        assertThat(recorded("UserRolesChanged")).isEmpty();

        users.create("second", "a-long-passphrase", Set.of(Role.ADMIN), "test");
        published.clear();
        assertThat(inTransaction(() -> users.setEnabled("root", false, "adam"))).isTrue();
        assertThat(recorded("UserDisabled")).containsExactly("adam {\"username\":\"root\"}");
        assertThat(published).containsExactly(new AccountChanged("root"));
        assertThatThrownBy(() -> inTransaction(() -> users.setEnabled("second", false, "adam")))
                .isInstanceOf(RuleViolationException.class);
        assertThat(recorded("UserDisabled")).hasSize(1);
        assertThat(published).as("nothing is published for a change that rolled back").hasSize(1);
    }

    @Test
    void accountChangedIsPublishedOnlyOnceTheChangeCommitted() {
        users.create("root", "a-long-passphrase", Set.of(Role.ADMIN), "test");
        users.create("dora", "a-long-passphrase", Set.of(Role.RISK_REVIEWER), "test");
        published.clear();
        assertThatThrownBy(() -> inTransaction(() -> {
            users.replaceRoles("dora", Set.of(Role.READER), "adam");
            assertThat(published).as("not before the commit").isEmpty();
            throw new IllegalStateException("rolled back after the change");
        })).hasMessageContaining("rolled back");
        assertThat(published).isEmpty();
        assertThat(recorded("UserRolesChanged")).isEmpty();
        assertThat(users.find("dora").orElseThrow().roles()).containsExactly(Role.RISK_REVIEWER);

        long stamp = users.find("dora").orElseThrow().securityStamp();
        inTransaction(() -> users.replaceRoles("dora", Set.of(Role.READER), "adam"));
        assertThat(published).containsExactly(new AccountChanged("dora"));
        assertThat(recorded("UserRolesChanged")).containsExactly(
                "adam {\"previousRoles\":[\"RISK_REVIEWER\"],\"roles\":[\"READER\"],\"username\":\"dora\"}");
        assertThat(users.isCurrent("dora", stamp)).as("the role change ends sessions of the old stamp").isFalse();
        assertThat(users.isCurrent("dora", stamp + 1)).isTrue();
    }

    private List<String> recorded(String action) {
        return jdbc.queryForList("SELECT actor || ' ' || details FROM audit_record WHERE action = ? ORDER BY sequence",
                String.class, action);
    }

    @Test
    void twoAdminsRemovingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        users.create("one", "a-long-passphrase", Set.of(Role.ADMIN), "test");
        users.create("two", "a-long-passphrase", Set.of(Role.ADMIN), "test");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Boolean>> results = new ArrayList<>();
        for (String user : List.of("one", "two")) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return inTransaction(() -> users.setEnabled(user, false, "adam"));
                } catch (RuleViolationException refused) {
                    return false;
                }
            }));
        }
        start.countDown();
        int disabled = 0;
        for (Future<Boolean> result : results) {
            disabled += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(disabled).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM app_user WHERE enabled", Integer.class)).isEqualTo(1);
    }

    private <T> T inTransaction(Callable<T> work) {
        return transaction.execute(status -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
