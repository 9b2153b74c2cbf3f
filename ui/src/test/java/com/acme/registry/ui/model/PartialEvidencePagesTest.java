package com.acme.registry.ui.model;

import com.acme.registry.model.ModelService;
import com.acme.registry.model.VersionEvidence;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import com.acme.registry.ui.browser.UiSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog pages of a version registered without digest and framework, and of the aliases naming it. */
class PartialEvidencePagesTest extends IntegrationTest {

    @Autowired
    ModelService models;

    @Test
    void theVersionPageSaysWhatEvidenceIsMissingAndBothPagesShowAliases() {
        String model = uniqueName("partial-page");
        assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        models.registerVersionWithPartialEvidence(model, new VersionEvidence("s3://ml-artifacts/" + model, null, null,
                null, null, null, null, null, null, null, null, null, null, Map.of()), "alice");
        assertThat(as("alice").post("/api/v1/models/" + model + "/versions", Samples.version()).status())
                .isEqualTo(201);
        models.setAlias(model, "shadow", 1);
        UiSession rita = UiSession.signedIn(port, "rita");

        UiSession.Page partial = rita.get("/catalog/" + model + "/versions/1");
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.body()).contains("Evidence incomplete: missing artifactDigest, framework")
                .contains("not supplied yet").contains("@shadow");

        UiSession.Page complete = rita.get("/catalog/" + model + "/versions/2");
        assertThat(complete.status()).isEqualTo(200);
        assertThat(complete.body()).doesNotContain("Evidence incomplete").contains(Samples.DIGEST)
                .doesNotContain("@shadow");

        UiSession.Page page = rita.get("/catalog/" + model);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("@shadow").contains("/catalog/" + model + "/versions/1");
    }
}
