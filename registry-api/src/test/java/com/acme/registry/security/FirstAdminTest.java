package com.acme.registry.security;

import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirstAdminTest {

    private static JdbcTemplate jdbc;
    private static UserAccounts users;

    @BeforeAll
    static void database() {
        jdbc = new JdbcTemplate(TestDatabase.migrated("firstadmin"));
        users = new UserAccounts(jdbc, new BCryptPasswordEncoder(4));
    }

    @Test
    void createsTheFirstAdminOnlyWhileThereIsNone() {
        new FirstAdmin("", "", users, jdbc).run(null);
        assertThat(users.list()).isEmpty();

        assertThatThrownBy(() -> new FirstAdmin("root", "short", users, jdbc).run(null))
                .hasMessageContaining("12 characters");
        assertThat(users.list()).isEmpty();

        new FirstAdmin("root", "a-long-passphrase", users, jdbc).run(null);
        assertThat(users.find("root")).get().satisfies(root -> {
            assertThat(root.roles()).containsExactly(Role.ADMIN);
            assertThat(root.passwordHash()).startsWith("$2a$").doesNotContain("a-long-passphrase");
        });

        new FirstAdmin("other", "another-long-passphrase", users, jdbc).run(null);
        assertThat(users.find("other")).isEmpty();
    }
}
