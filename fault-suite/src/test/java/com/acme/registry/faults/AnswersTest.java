package com.acme.registry.faults;

import com.acme.registry.bench.http.HttpConnection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnswersTest {

    private static HttpConnection.Response answer(int status, Map<String, String> headers, String body) {
        return new HttpConnection.Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void successesAnd503WithRetryAfterAreAllowedUnderAFault() {
        Answers answers = new Answers(false);
        assertThat(answers.record("w", answer(201, Map.of(), "{}"))).isTrue();
        assertThat(answers.record("w", answer(202, Map.of(), "{}"))).isTrue();
        assertThat(answers.record("r", answer(503, Map.of("retry-after", "2"), "{}"))).isTrue();
        assertThat(answers.check("honest").held()).isTrue();
    }

    @Test
    void a500A401A404OrA503WithoutRetryAfterBreaksTheInvariantWithAnExample() {
        Answers answers = new Answers(false);
        assertThat(answers.record("POST /x", answer(500, Map.of(),
                "{\"type\":\"urn:model-registry:problem:internal-error\",\"detail\":\"boom\"}"))).isFalse();
        assertThat(answers.record("GET /me", answer(401, Map.of(), "{}"))).isFalse();
        assertThat(answers.record("GET /y", answer(503, Map.of(), "{}"))).isFalse();
        Check check = answers.check("honest");
        assertThat(check.held()).isFalse();
        assertThat(check.detail()).contains("POST /x → 500 internal-error: boom").contains("read 503 without Retry-After");
    }

    @Test
    void connectionErrorsAreAllowedOnlyWhileTheProcessIsKilled() {
        Answers duringKills = new Answers(true);
        duringKills.connectionError("w", new IOException("refused"));
        assertThat(duringKills.check("honest").held()).isTrue();
        Answers underDatabaseFaults = new Answers(false);
        underDatabaseFaults.connectionError("w", new IOException("reset"));
        assertThat(underDatabaseFaults.check("honest").held()).isFalse();
    }
}
