package com.acme.registry.ui.model;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;

/** The owner teams that have models, for the catalog's team filter. */
@Repository
class OwnerTeams {

    private final JdbcTemplate jdbc;

    OwnerTeams(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<String> all() {
        return jdbc.queryForList("SELECT DISTINCT owner_team FROM catalog_model ORDER BY owner_team", String.class);
    }
}
