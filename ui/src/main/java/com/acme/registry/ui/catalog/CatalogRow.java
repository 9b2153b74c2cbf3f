package com.acme.registry.ui.catalog;

import com.acme.registry.catalog.ModelView;
import com.acme.registry.governance.ServingView;

import java.util.List;

/** One model of the catalog with what serves it in each configured environment (null where nothing does). */
public record CatalogRow(ModelView model, List<ServingView> serving) {
}
