package com.acme.registry.ui.model;

import com.acme.registry.model.ModelStatus;
import com.acme.registry.promotion.RiskTier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogSearchTest {

    @Test
    void urlCarriesOnlyTheFiltersThatAreSet() {
        assertThat(new CatalogSearch(null, "", null, null).url(0)).isEqualTo("/catalog");
        assertThat(new CatalogSearch(" bnpl- ", null, RiskTier.HIGH, null).url(0))
                .isEqualTo("/catalog?name=bnpl-&tier=HIGH");
        assertThat(new CatalogSearch(null, "fraud", null, ModelStatus.RETIRED).url(2))
                .isEqualTo("/catalog?team=fraud&status=RETIRED&page=2");
    }

    @Test
    void valuesAreEncodedSoTheyCannotAddParameters() {
        assertThat(new CatalogSearch("a&tier=LOW", "risk & fraud", null, null).url(1))
                .isEqualTo("/catalog?name=a%26tier%3DLOW&team=risk%20%26%20fraud&page=1");
    }

    @Test
    void blankFiltersAreNoFilters() {
        assertThat(new CatalogSearch("  ", " ", null, null).filtered()).isFalse();
        assertThat(new CatalogSearch(null, null, RiskTier.LOW, null).filtered()).isTrue();
    }
}
