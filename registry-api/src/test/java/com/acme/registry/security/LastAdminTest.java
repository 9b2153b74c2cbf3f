package com.acme.registry.security;

import com.acme.registry.support.TestDatabase;
import com.acme.registry.validation.RuleViolationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import javax.sql.DataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
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

    @BeforeEach
    void database() {
        DataSource dataSource = TestDatabase.migrated("lastadmin");
        jdbc = new JdbcTemplate(dataSource);
        users = new UserAccounts(jdbc, new BCryptPasswordEncoder(4));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void theLastAdminCanBeNeitherDisabledNorDemoted() {
        users.create("root", "a-long-passphrase", Set.of(Role.ADMIN), "test");

        assertThatThrownBy(() -> inTransaction(() -> users.setEnabled("root", false)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("last enabled ADMIN");
        assertThatThrownBy(() -> inTransaction(() -> users.replaceRoles("root", Set.of(Role.COMPLIANCE))))
                .isInstanceOf(RuleViolationException.class);
        assertThat(users.find("root").orElseThrow().enabled()).isTrue();
        assertThat(users.find("root").orElseThrow().roles()).containsExactly(Role.ADMIN);

        users.create("second", "a-long-passphrase", Set.of(Role.ADMIN), "test");
        assertThat(inTransaction(() -> users.setEnabled("root", false))).isTrue();
        assertThatThrownBy(() -> inTransaction(() -> users.setEnabled("second", false)))
                .isInstanceOf(RuleViolationException.class);
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
                    return inTransaction(() -> users.setEnabled(user, false));
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
