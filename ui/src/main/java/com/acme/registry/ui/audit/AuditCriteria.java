package com.acme.registry.ui.audit;

import com.acme.registry.ui.layout.UiInstants;

import com.acme.registry.audit.AuditFilter;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;

/**
 * What the audit search and the export filter by, as typed into the form: empty fields are no criterion; the
 * instants are UTC, {@code from} inclusive and {@code to} exclusive, as the API and the export's digest have them.
 */
public record AuditCriteria(String model, String actor, String action, Instant from, Instant to) {

    public static AuditCriteria parse(String model, String actor, String action, String from, String to) {
        AuditCriteria criteria = new AuditCriteria(trimmed(model), trimmed(actor), trimmed(action),
                UiInstants.parse("from", from), UiInstants.parse("to", to));
        criteria.filter(); // refuses a period that ends before it starts, naming "to"
        return criteria;
    }

    public AuditFilter filter() {
        return new AuditFilter(model, actor, action, from, to);
    }

    public boolean any() {
        return model != null || actor != null || action != null || from != null || to != null;
    }

    /** {@code path} with these criteria (and the page, when given) as its query. */
    public String link(String path, Integer page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        add(uri, "model", model);
        add(uri, "actor", actor);
        add(uri, "action", action);
        add(uri, "from", UiInstants.text(from));
        add(uri, "to", UiInstants.text(to));
        if (page != null) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder uri, String name, String value) {
        if (value != null) {
            uri.queryParam(name, value);
        }
    }

    public static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
