package com.acme.registry.identity;

import com.acme.registry.audit.AuditLog;
import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirstAdminTest {

    private static JdbcTemplate jdbc;
    private static UserAccounts users;

    @BeforeAll
    static void database() {
        jdbc = new JdbcTemplate(TestDatabase.migrated("firstadmin"));
        users = new UserAccounts(jdbc, new BCryptPasswordEncoder(4),
                new SecurityAudit(new AuditLog(jdbc), JsonMapper.builder().build()), event -> { });
    }

    @Test
    void createsTheFirstAdminOnlyWhileThereIsNone() {
        new FirstAdmin("", "", users, new PasswordPolicy(), jdbc).run(null);
        assertThat(users.list()).isEmpty();

        assertThatThrownBy(() -> new FirstAdmin("root", "short", users, new PasswordPolicy(), jdbc).run(null))
                .hasMessageContaining("12 characters");
        assertThat(users.list()).isEmpty();

        assertThatThrownBy(() -> new FirstAdmin("root", "password1234", users, new PasswordPolicy(), jdbc).run(null))
                .hasMessageContaining("common passwords").hasMessageNotContaining("password1234");
        assertThatThrownBy(() -> new FirstAdmin("root", "root-of-all-trust", users, new PasswordPolicy(), jdbc)
                .run(null)).hasMessageContaining("user name");
        assertThat(users.list()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record", Integer.class)).isZero();

        new FirstAdmin("root", "a-long-passphrase", users, new PasswordPolicy(), jdbc).run(null);
        assertThat(users.find("root")).get().satisfies(root -> {
            assertThat(root.roles()).containsExactly(Role.ADMIN);
            assertThat(root.passwordHash()).startsWith("$2a$").doesNotContain("a-long-passphrase");
        });
        assertThat(jdbc.queryForList("SELECT actor || ' ' || action || ' ' || details FROM audit_record",
                String.class)).containsExactly("registry UserCreated "
                + "{\"roles\":[\"ADMIN\"],\"source\":\"REGISTRY_ADMIN_USERNAME\",\"username\":\"root\"}");

        new FirstAdmin("other", "another-long-passphrase", users, new PasswordPolicy(), jdbc).run(null);
        assertThat(users.find("other")).isEmpty();
    }
}
