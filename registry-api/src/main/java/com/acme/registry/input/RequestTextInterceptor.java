package com.acme.registry.input;

import com.acme.registry.validation.StorableText;
import com.acme.registry.validation.Violations;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * Path variables and request parameters (query strings and the web UI's form fields) are input too: a NUL in a
 * model name in the path reached the event store's SQL and answered 500. Before any controller runs, every path
 * variable must be storable single-line text and every parameter storable text (form fields may be multi-line;
 * the commands' own validation is stricter per field). A refusal is the controller's own bad-input answer:
 * problem+json for the API, the refusal page for the web UI.
 */
class RequestTextInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod) || request.getDispatcherType() == DispatcherType.ERROR) {
            return true;
        }
        Violations violations = new Violations();
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> check(String.valueOf(name), (String) value, false, violations));
        }
        parameters(request).forEach((name, values) -> {
            String nameProblem = StorableText.problem(name, false);
            if (nameProblem != null) {
                violations.add("parameters", "name '" + StorableText.printable(name) + "' " + nameProblem);
                return;
            }
            for (String value : values) {
                check(name, value, true, violations);
            }
        });
        violations.throwIfAny();
        return true;
    }

    /**
     * The request's parameters; none for a multipart upload (its parts are the controller's, and reading them
     * here would turn an upload over its limit into another failure than its own 413 page), nor for parameters
     * that cannot be read at all (the framework answers that as it would without this check).
     */
    private static Map<String, String[]> parameters(HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return Map.of();
        }
        try {
            return request.getParameterMap();
        } catch (IllegalStateException unreadable) {
            return Map.of();
        }
    }

    private static void check(String name, String value, boolean multiLine, Violations violations) {
        String problem = StorableText.problem(value, multiLine);
        if (problem != null) {
            violations.add(name, problem);
        }
    }
}
