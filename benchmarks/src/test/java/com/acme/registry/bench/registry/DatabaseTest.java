package com.acme.registry.bench.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @Test
    void anotherDatabaseOnTheSameServerKeepsHostPortAndParameters() {
        assertThat(Database.withDatabase("jdbc:postgresql://localhost:5432/registry", "postgres"))
                .isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(Database.withDatabase("jdbc:postgresql://db:6543/registry?ssl=false", "bench_startup_1"))
                .isEqualTo("jdbc:postgresql://db:6543/bench_startup_1?ssl=false");
        assertThatThrownBy(() -> Database.withDatabase("jdbc:mysql://x/y", "z")).isInstanceOf(IllegalArgumentException.class);
    }
}
