package com.acme.registry.ui.input;

import com.acme.registry.support.IntegrationTest;
import com.acme.registry.ui.browser.UiSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A web UI form is a door too: text a read model could not store is refused there, and nothing is stored. */
class UnstorableFormTest extends IntegrationTest {

    private static final String MODEL = "bnpl-credit-risk";

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
            "alice, /catalog/" + MODEL + "/environments/production/rollback, reason",
            "alice, /catalog/" + MODEL + "/environments/production/rollout/abort, reason",
            "alice, /catalog/" + MODEL + "/promotions, justification",
            "rita, /reviews/" + MODEL + "/2/rejection, reason",
            "rita, /reviews/" + MODEL + "/2/approval, comment",
    })
    void aNulInAFormFieldIsRefusedAndStoresNothing(String user, String path, String field) {
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        UiSession.Page page = UiSession.signedIn(port, user).forge(path, Map.of(field, "a\u0000b", "version", "2",
                "environment", "production", "validationReportUri", "https://wiki/report"));

        assertThat(page.status()).as(page.body()).isEqualTo(400);
        assertThat(page.body()).contains(field).contains("Nothing was changed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .as("no event stored").isEqualTo(events);
    }
}
