package com.acme.registry.input;

import jakarta.servlet.http.HttpServletRequest;

/** The API's paths: {@code /api/} (the registry's own and MLflow's REST API) and {@code /ajax-api/} (MLflow's UI's). */
public final class ApiPaths {

    private ApiPaths() {
    }

    public static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/ajax-api/");
    }
}
