package com.acme.registry.web;

import com.acme.registry.axon.CommittedWrite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** What the catch-all answers under faults: 503 for an outage, 202 once the request's write was committed. */
class ProblemHandlerFaultsTest {

    private final ProblemHandler handler = new ProblemHandler(null); // records segregation-of-duties refusals only
    private final CannotGetJdbcConnectionException outage = new CannotGetJdbcConnectionException("no connection",
            new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms"));

    @AfterEach
    void clear() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void anOutageIsA503WithRetryAfterAndABugA500() {
        MockHttpServletRequest request = request("/api/v1/models/m");
        ResponseEntity<?> unavailable = handler.unexpected(outage, request);
        assertThat(unavailable.getStatusCode().value()).isEqualTo(503);
        assertThat(unavailable.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(((ProblemDetail) unavailable.getBody()).getType().toString())
                .isEqualTo("urn:model-registry:problem:database-unavailable");

        assertThat(handler.unexpected(new IllegalStateException("bug"), request).getStatusCode().value()).isEqualTo(500);
    }

    @Test
    void aFailureAfterTheWriteWasCommittedIsA202WithItsLocation() {
        MockHttpServletRequest request = request("/api/v1/models/m/versions");
        CommittedWrite.remember("m", 4);

        ResponseEntity<?> accepted = handler.unexpected(outage, request);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getHeaders().getLocation()).hasToString("/api/v1/models/m/versions/4");
        assertThat(accepted.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(((AcceptedWriteHandler.Accepted) accepted.getBody()).status()).isEqualTo("accepted");
    }

    private static MockHttpServletRequest request(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        return request;
    }
}
