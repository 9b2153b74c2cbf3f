package com.acme.registry.rollout;

import com.acme.registry.sql.Rows;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of rollbacks and their acknowledgements, in plain SQL. */
@Repository
class RollbackQueries {

    private final JdbcTemplate jdbc;

    RollbackQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Page<RollbackView> rollbacks(String model, Boolean flagged, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (model != null) {
            where.append(" AND model_name = ?");
            args.add(model);
        }
        if (flagged != null) {
            where.append(flagged ? " AND emergency AND acknowledged_by IS NULL"
                    : " AND NOT (emergency AND acknowledged_by IS NULL)");
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM model_rollback" + where, Long.class, args.toArray());
        args.add(page.size());
        args.add(page.offset());
        List<RollbackView> items = jdbc.query("SELECT * FROM model_rollback" + where
                + " ORDER BY rolled_back_at, model_name, rollback_number LIMIT ? OFFSET ?", ROLLBACK, args.toArray());
        return Page.of(items, page, total == null ? 0 : total);
    }

    Optional<RollbackView> rollback(String model, int number) {
        return jdbc.query("SELECT * FROM model_rollback WHERE model_name = ? AND rollback_number = ?", ROLLBACK,
                model, number).stream().findFirst();
    }

    private static final RowMapper<RollbackView> ROLLBACK = (rs, n) -> new RollbackView(
            rs.getString("model_name"), rs.getInt("rollback_number"), rs.getString("environment"),
            rs.getInt("restored_version"), rs.getInt("replaced_version"), rs.getString("reason"),
            rs.getString("rolled_back_by"), Rows.instant(rs, "rolled_back_at"), rs.getBoolean("emergency"),
            rs.getBoolean("emergency") && rs.getString("acknowledged_by") == null, rs.getString("acknowledged_by"),
            Rows.instant(rs, "acknowledged_at"), rs.getString("acknowledgement"));
}
