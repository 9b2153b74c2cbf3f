package com.acme.registry.mlflow;

import com.acme.registry.web.DatabaseOutageFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals written by the shared plumbing reach MLflow's client in MLflow's shape; answers pass untouched. */
class MlflowErrorTranslationTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MlflowErrorTranslation translation = new MlflowErrorTranslation(json);

    private MockHttpServletResponse run(String path, HttpServlet servlet) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        translation.doFilter(request, response, new MockFilterChain(servlet));
        return response;
    }

    @Test
    void aDatabaseOutageIsTemporarilyUnavailableWithItsRetryAfter() throws Exception {
        MockHttpServletResponse response = run("/api/2.0/mlflow/registered-models/get", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                DatabaseOutageFilter.write(json, req, resp);
            }
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotBlank();
        assertThat(response.getContentType()).startsWith("application/json");
        JsonNode body = json.readTree(response.getContentAsString());
        assertThat(body.path("error_code").asString()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        assertThat(body.path("message").asString()).isNotBlank();
        assertThat(body.has("type")).isFalse();
    }

    @Test
    void anAnswerAndOtherPathsPassUntouched() throws Exception {
        HttpServlet answer = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("application/json");
                resp.getWriter().write("{\"registered_model\":{}}");
            }
        };
        assertThat(run("/ajax-api/2.0/mlflow/registered-models/get", answer).getContentAsString())
                .isEqualTo("{\"registered_model\":{}}");
        MockHttpServletResponse nativeOutage = run("/api/v1/models", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                DatabaseOutageFilter.write(json, req, resp);
            }
        });
        assertThat(nativeOutage.getContentType()).startsWith("application/problem+json");
    }
}
