package com.acme.registry.ui.model;

import com.acme.registry.model.ModelSearch;
import com.acme.registry.model.ModelStatus;
import com.acme.registry.promotion.RiskTier;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/** The catalog's filters as the form and its links carry them; blank fields mean "any". */
public record CatalogSearch(String name, String team, RiskTier tier, ModelStatus status) {

    public CatalogSearch {
        name = blankToNull(name);
        team = blankToNull(team);
    }

    ModelSearch query() {
        return new ModelSearch(name, team, tier == null ? null : tier.name(), null, null,
                status == null ? null : status.name());
    }

    public boolean filtered() {
        return name != null || team != null || tier != null || status != null;
    }

    /**
     * The catalog URL with these filters and the given page (from 0), without empty parameters; values are encoded
     * strictly, so a team named "a&b" stays one parameter.
     */
    public String url(int page) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/catalog");
        Map<String, Object> values = new LinkedHashMap<>();
        parameter(url, values, "name", name);
        parameter(url, values, "team", team);
        parameter(url, values, "tier", tier == null ? null : tier.name());
        parameter(url, values, "status", status == null ? null : status.name());
        parameter(url, values, "page", page > 0 ? page : null);
        return url.encode().buildAndExpand(values).toUriString();
    }

    private static void parameter(UriComponentsBuilder url, Map<String, Object> values, String name, Object value) {
        if (value != null) {
            url.queryParam(name, "{" + name + "}");
            values.put(name, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
