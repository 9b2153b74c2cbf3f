package com.acme.registry.ui.webhook;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;

/**
 * The one page that shows a signing secret: the answer to the POST that made it. It is never stored in the session,
 * put in a URL or flashed into a later page, so reloading it cannot show the secret again (the browser would post
 * again, which makes or rotates anew).
 */
final class SecretPage {

    static final String WARNING = "Store this secret now: it signs every delivery, and the registry never shows it "
            + "again (it keeps it encrypted under a key outside the database).";

    private SecretPage() {
    }

    static String render(Model model, HttpServletResponse response, SubscriptionRow row, String secret,
                         boolean created) {
        // no cache may keep it (Spring Security says so already; this page must not depend on that)
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("section", "webhooks");
        model.addAttribute("row", row);
        model.addAttribute("secret", secret);
        model.addAttribute("warning", WARNING);
        model.addAttribute("created", created);
        return "webhooks/secret";
    }
}
