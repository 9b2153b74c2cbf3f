package com.acme.registry.support;

import com.acme.registry.support.Api;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the registry's problem+json answers, shared by the security tests. */
public final class ProblemAssertions {

    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemAssertions() {
    }

    /** Asserts status, problem+json content type, and the problem's status and type in the body. */
    public static JsonNode assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("content type of %s", response).startsWith(PROBLEM_JSON);
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).as("problem status").isEqualTo(status);
        assertThat(problem.path("type").asString()).as("problem type").isEqualTo("urn:model-registry:problem:" + type);
        return problem;
    }

    public static void assertUnauthenticated(Api.Response response) {
        JsonNode problem = assertProblem(response, 401, "unauthenticated");
        assertThat(problem.path("title").asString()).isEqualTo("Unauthenticated");
        // never a Basic challenge: a browser would prompt, cache the password and send it on other sites' requests
        assertThat(response.header("WWW-Authenticate")).as("WWW-Authenticate of %s", response)
                .isEqualTo("Bearer realm=\"model-registry\"");
    }

    public static void assertForbidden(Api.Response response, String method, String path) {
        JsonNode problem = assertProblem(response, 403, "forbidden");
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        assertThat(problem.path("detail").asString()).contains(method + " " + pathOnly);
        assertThat(problem.path("instance").asString()).isEqualTo(pathOnly);
        assertThat(response.header("WWW-Authenticate")).as("a 403 asks for no other credentials").isNull();
    }

    /** A 400 invalid-input problem whose errors name {@code field} (exactly, or as its prefix, e.g. roles[0]). */
    public static void assertInvalidField(Api.Response response, String field) {
        JsonNode problem = assertProblem(response, 400, "invalid-input");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).as("fields named by %s", response)
                .isNotEmpty()
                .anySatisfy(f -> assertThat(f.equals(field) || f.startsWith(field + "[") || f.startsWith(field + "."))
                        .as("'%s' names '%s'", f, field).isTrue());
        assertThat(problem.path("detail").asString()).contains(field);
    }
}
