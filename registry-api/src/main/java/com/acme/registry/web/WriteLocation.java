package com.acme.registry.web;

import java.util.List;

/**
 * The resource a write changed or created, from the write's path: its action segments removed
 * ({@code …/versions/3/archival} → {@code …/versions/3}; {@code …/environments/prod/rollout/traffic} →
 * {@code …/environments/prod}; a rollback's acknowledgement → the model's rollbacks, the only place a rollback is
 * shown), and a new member's id appended to a collection ({@code POST /api/v1/models} → the
 * model, {@code POST …/versions} → the version the command answered).
 */
final class WriteLocation {

    private static final List<String> ACTIONS = List.of("retirement", "archival", "approvals", "rejection",
            "acknowledgement", "rollout", "traffic", "completion", "abort", "rollback", "revocation");

    private WriteLocation() {
    }

    static String of(String path, String modelName, Object result) {
        String location = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        while (ACTIONS.contains(last(location))) {
            location = location.substring(0, location.lastIndexOf('/'));
        }
        if (location.matches(".*/rollbacks/[^/]+")) { // a rollback is shown in its model's list only
            return location.substring(0, location.lastIndexOf('/'));
        }
        if (location.endsWith("/api/v1/models") && modelName != null) {
            return location + "/" + modelName;
        }
        if ((location.endsWith("/versions") || location.endsWith("/promotions")) && result != null) {
            return location + "/" + result;
        }
        return location;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
