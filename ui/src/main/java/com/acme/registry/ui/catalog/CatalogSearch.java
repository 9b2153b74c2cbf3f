package com.acme.registry.ui.catalog;

import com.acme.registry.catalog.CatalogQueries;
import com.acme.registry.model.ModelStatus;
import com.acme.registry.model.RiskTier;
import org.springframework.web.util.UriComponentsBuilder;

/** The catalog's filters as the form and its links carry them; blank fields mean "any". */
public record CatalogSearch(String name, String team, RiskTier tier, ModelStatus status) {

    public CatalogSearch {
        name = blankToNull(name);
        team = blankToNull(team);
    }

    CatalogQueries.ModelSearch query() {
        return new CatalogQueries.ModelSearch(name, team, tier == null ? null : tier.name(), null, null,
                status == null ? null : status.name());
    }

    public boolean filtered() {
        return name != null || team != null || tier != null || status != null;
    }

    /** The catalog URL with these filters and the given page (from 0), without empty parameters. */
    public String url(int page) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/catalog");
        if (name != null) {
            url.queryParam("name", name);
        }
        if (team != null) {
            url.queryParam("team", team);
        }
        if (tier != null) {
            url.queryParam("tier", tier.name());
        }
        if (status != null) {
            url.queryParam("status", status.name());
        }
        if (page > 0) {
            url.queryParam("page", page);
        }
        return url.encode().build().toUriString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
