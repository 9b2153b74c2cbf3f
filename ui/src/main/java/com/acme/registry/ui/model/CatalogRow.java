package com.acme.registry.ui.model;

import com.acme.registry.model.ModelView;
import com.acme.registry.rollout.ServingView;

import java.util.List;

/** One model of the catalog with what serves it in each configured environment (null where nothing does). */
public record CatalogRow(ModelView model, List<ServingView> serving) {
}
