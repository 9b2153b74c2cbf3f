package com.acme.registry.audit;

import com.acme.registry.validation.InvalidInputException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which audit records a query or export covers; every criterion optional; {@code to} exclusive. */
public record AuditFilter(String model, String actor, String action, Instant from, Instant to) {

    public AuditFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw InvalidInputException.of("to", "must be after from");
        }
    }

    String where(List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        add(where, args, "model = ?", model);
        add(where, args, "actor = ?", actor);
        add(where, args, "action = ?", action);
        add(where, args, "recorded_at >= ?", from == null ? null : java.sql.Timestamp.from(from));
        add(where, args, "recorded_at < ?", to == null ? null : java.sql.Timestamp.from(to));
        return where.toString();
    }

    private static void add(StringBuilder where, List<Object> args, String condition, Object value) {
        if (value != null) {
            where.append(" AND ").append(condition);
            args.add(value);
        }
    }

    /** The filter as the export's digest names it. */
    Map<String, Object> asMap() {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("model", model);
        filter.put("actor", actor);
        filter.put("action", action);
        filter.put("from", AuditTime.format(from));
        filter.put("to", AuditTime.format(to));
        return filter;
    }

    static List<Object> args() {
        return new ArrayList<>();
    }
}
