package com.acme.registry.model;

import java.util.List;

/**
 * A search of the catalog that a door's own query language compiled: a condition over the model columns
 * ({@code m.*}) or the version columns ({@code v.*}) and an order of the same, in SQL whose every user value is a
 * {@code ?} parameter in {@code args}. The door owns its grammar; the catalog runs the query.
 *
 * @param condition a boolean SQL expression, from a whitelist of columns only
 * @param orderBy   an ORDER BY list over whitelisted columns, ending with a unique tiebreak
 */
public record CatalogQuery(String condition, List<Object> args, String orderBy, int limit, long offset) {
}
