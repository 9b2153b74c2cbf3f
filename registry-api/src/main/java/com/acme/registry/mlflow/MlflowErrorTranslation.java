package com.acme.registry.mlflow;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * MLflow's client understands one error shape, {@code {"error_code", "message"}}. Every refusal the registry's shared
 * plumbing writes as problem+json on MLflow's paths (sign-in, roles, throttling, body limits, cross-site checks,
 * outages, invalid input, not found, broken rules) is rewritten into it here, keeping the status and headers such as
 * {@code Retry-After}; so a new refusal anywhere reaches MLflow's clients in their shape without code here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MlflowErrorTranslation extends OncePerRequestFilter {

    private final JsonMapper json;

    MlflowErrorTranslation(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !MlflowPaths.isMlflow(request);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
        } finally {
            if (wrapper.getStatus() >= 400 && isProblem(wrapper.getContentType())) {
                JsonNode problem = readProblem(wrapper.getContentAsByteArray());
                wrapper.resetBuffer();
                byte[] body = json.writeValueAsBytes(MlflowExceptionHandler.body(code(wrapper.getStatus(), problem),
                        message(problem)));
                wrapper.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
                response.flushBuffer();
            } else {
                wrapper.copyBodyToResponse();
            }
        }
    }

    private static boolean isProblem(String contentType) {
        return contentType != null && contentType.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    private JsonNode readProblem(byte[] body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException unreadable) {
            return json.createObjectNode();
        }
    }

    static MlflowErrorCode code(int status, JsonNode problem) {
        String type = problem.path("type").asString("");
        return switch (status) {
            case 400, 413, 415, 422 -> MlflowErrorCode.INVALID_PARAMETER_VALUE;
            case 401 -> MlflowErrorCode.CUSTOMER_UNAUTHORIZED;
            case 403 -> MlflowErrorCode.PERMISSION_DENIED;
            case 404 -> type.endsWith(":not-found") ? MlflowErrorCode.RESOURCE_DOES_NOT_EXIST
                    : MlflowErrorCode.ENDPOINT_NOT_FOUND;
            case 405 -> MlflowErrorCode.ENDPOINT_NOT_FOUND;
            case 409 -> MlflowErrorCode.INVALID_STATE;
            case 429 -> MlflowErrorCode.REQUEST_LIMIT_EXCEEDED;
            case 503 -> MlflowErrorCode.TEMPORARILY_UNAVAILABLE;
            default -> status >= 500 ? MlflowErrorCode.INTERNAL_ERROR : MlflowErrorCode.BAD_REQUEST;
        };
    }

    private static String message(JsonNode problem) {
        String detail = problem.path("detail").asString("");
        String rule = problem.path("rule").asString("");
        if (detail.isEmpty()) {
            detail = problem.path("title").asString("The request was refused.");
        }
        return rule.isEmpty() ? detail : detail + " (rule " + rule + ")";
    }
}
