package com.acme.registry.mlflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MlflowPageTokenTest {

    @Test
    void tokensRoundTripAndAreWrittenAsMlflowWritesThem() {
        assertThat(MlflowPageToken.encode(100)).isEqualTo(base64("{\"offset\": 100}"));
        assertThat(MlflowPageToken.decode(MlflowPageToken.encode(12_345))).isEqualTo(12_345);
        assertThat(MlflowPageToken.decode(null)).isZero();
        assertThat(MlflowPageToken.decode("")).isZero();
        assertThat(MlflowPageToken.decode(base64("{\"offset\":7}").replace('+', '-').replace('/', '_'))).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "e30=", "eyJvZmZzZXQiOiAtMX0=", "eyJvZmZzZXQiOiAiYSJ9"})
    void malformedTokensAreRefused(String token) {
        // e30= is {}, the others {"offset": -1} and {"offset": "a"}
        assertThatThrownBy(() -> MlflowPageToken.decode(token))
                .isInstanceOfSatisfying(MlflowException.class,
                        e -> assertThat(e.code()).isEqualTo(MlflowErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageStartingWith("Invalid page_token");
    }

    @Test
    void offsetsBeyondAnIntAndHugeTokensAreRefused() {
        assertThatThrownBy(() -> MlflowPageToken.decode(base64("{\"offset\": 9999999999}")))
                .isInstanceOf(MlflowException.class).hasMessageContaining("no valid offset");
        assertThatThrownBy(() -> MlflowPageToken.decode("A".repeat(10_000)))
                .isInstanceOf(MlflowException.class).hasMessageContaining("longer than");
    }

    @Test
    void maxResultsDefaultsAndLimits() {
        assertThat(MlflowPageToken.maxResults(null, MlflowPageToken.MODELS_MAX_RESULTS_DEFAULT,
                MlflowPageToken.MODELS_MAX_RESULTS_LIMIT)).isEqualTo(100);
        assertThat(MlflowPageToken.maxResults(1_000L, 100, 1_000)).isEqualTo(1_000);
        assertThat(MlflowPageToken.maxResults(1L, 100, 1_000)).isEqualTo(1);
        for (long bad : new long[] {0, -1, 1_001, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> MlflowPageToken.maxResults(bad, 100, 1_000))
                    .isInstanceOfSatisfying(MlflowException.class,
                            e -> assertThat(e.code()).isEqualTo(MlflowErrorCode.INVALID_PARAMETER_VALUE))
                    .hasMessageContaining("max_results").hasMessageContaining("between 1 and 1000");
        }
        assertThat(MlflowPageToken.VERSIONS_MAX_RESULTS_DEFAULT).isEqualTo(10_000);
        assertThat(MlflowPageToken.VERSIONS_MAX_RESULTS_LIMIT).isEqualTo(200_000);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
