package com.acme.registry.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WriteLocationTest {

    @Test
    void theLocationIsTheResourceTheWriteCreatedOrChanged() {
        assertThat(WriteLocation.of("/api/v1/models", "m", null)).isEqualTo("/api/v1/models/m");
        assertThat(WriteLocation.of("/api/v1/models/m/versions", "m", 3)).isEqualTo("/api/v1/models/m/versions/3");
        assertThat(WriteLocation.of("/api/v1/models/m/promotions", "m", 2)).isEqualTo("/api/v1/models/m/promotions/2");
        assertThat(WriteLocation.of("/api/v1/models/m/retirement", "m", null)).isEqualTo("/api/v1/models/m");
        assertThat(WriteLocation.of("/api/v1/models/m/versions/3/archival", "m", null))
                .isEqualTo("/api/v1/models/m/versions/3");
        assertThat(WriteLocation.of("/api/v1/models/m/promotions/2/approvals", "m", null))
                .isEqualTo("/api/v1/models/m/promotions/2");
        assertThat(WriteLocation.of("/api/v1/models/m/promotions/2/rejection", "m", null))
                .isEqualTo("/api/v1/models/m/promotions/2");
        assertThat(WriteLocation.of("/api/v1/models/m/environments/production/rollout", "m", null))
                .isEqualTo("/api/v1/models/m/environments/production");
        assertThat(WriteLocation.of("/api/v1/models/m/environments/production/rollout/traffic", "m", null))
                .isEqualTo("/api/v1/models/m/environments/production");
        assertThat(WriteLocation.of("/api/v1/models/m/environments/staging/rollback", "m", 1))
                .isEqualTo("/api/v1/models/m/environments/staging");
        assertThat(WriteLocation.of("/api/v1/models/m/rollbacks/1/acknowledgement", "m", null))
                .isEqualTo("/api/v1/models/m/rollbacks");
    }
}
