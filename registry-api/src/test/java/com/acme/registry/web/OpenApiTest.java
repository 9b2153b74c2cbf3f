package com.acme.registry.web;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest extends IntegrationTest {

    @Test
    void documentsEveryEndpointForSignedInUsers() {
        assertThat(anonymous().get("/v3/api-docs").status()).isEqualTo(401);

        Api.Response docs = as("carla").get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.has("/api/v1/models")).isTrue();
        assertThat(paths.path("/api/v1/models").has("post")).isTrue();
        assertThat(paths.has("/api/v1/models/{name}/versions")).isTrue();
        assertThat(paths.has("/api/v1/models/{name}/versions/{version}/archival")).isTrue();
        assertThat(paths.path("/api/v1/models/{name}/versions/{version}/evidence").has("post")).isTrue();
        assertThat(paths.has("/api/v1/models/{name}/retirement")).isTrue();
        assertThat(paths.has("/api/v1/admin/tokens")).isTrue();
        JsonNode registration = docs.json().path("components").path("schemas").path("VersionRegistration");
        assertThat(registration.path("properties").has("artifactDigest")).isTrue();
        assertThat(registration.path("properties").has("registeredBy")).isFalse();
        JsonNode version = docs.json().path("components").path("schemas").path("VersionView").path("properties");
        assertThat(version.has("missingEvidence")).isTrue();
        assertThat(version.has("aliases")).isTrue();
        assertThat(version.has("lastUpdatedAt")).isTrue();
        JsonNode model = docs.json().path("components").path("schemas").path("ModelView").path("properties");
        assertThat(model.has("aliases")).isTrue();
        assertThat(model.has("lastUpdatedAt")).isTrue();

        assertThat(as("carla").get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
