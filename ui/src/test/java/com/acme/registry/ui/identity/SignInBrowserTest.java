package com.acme.registry.ui.identity;

import com.acme.registry.support.IntegrationTest;
import com.acme.registry.ui.browser.Browser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInBrowserTest extends IntegrationTest {

    @Test
    void eachRoleLandsOnItsOwnStartPage() {
        try (Browser browser = Browser.open(port, "sign-in")) {
            browser.go("/catalog");
            assertThat(browser.path()).startsWith("/login");
            browser.screenshot("sign-in");

            browser.signIn("alice");
            assertThat(browser.path()).as("back to the page that asked for sign-in").startsWith("/catalog");
            browser.signOut();
            assertThat(browser.text()).contains("You have signed out.");

            browser.signIn("rita");
            assertThat(browser.path()).isEqualTo("/reviews");
            browser.signOut();
            assertThat(browser.text()).contains("You have signed out.");

            browser.signIn("carla");
            assertThat(browser.path()).isEqualTo("/compliance");
            browser.signOut();

            browser.signIn("adam");
            assertThat(browser.path()).isEqualTo("/catalog");
        }
    }
}
