package com.acme.registry.mlflow;

import jakarta.servlet.http.HttpServletRequest;

/** Where MLflow's client calls: its REST API's path and the one its web UI uses, both served the same. */
public final class MlflowPaths {

    static final String API = "/api/2.0/mlflow";
    static final String AJAX = "/ajax-api/2.0/mlflow";

    private MlflowPaths() {
    }

    /** Whether the request is one of MLflow's calls. */
    public static boolean isMlflow(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(API + "/") || path.startsWith(AJAX + "/");
    }
}
