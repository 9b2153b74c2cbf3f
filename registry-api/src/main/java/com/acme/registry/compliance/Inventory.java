package com.acme.registry.compliance;

import java.time.Instant;
import java.util.List;

/** A page of the model inventory as of {@code asOf}; retired models included. */
public record Inventory(Instant asOf, List<InventoryEntry> items, int page, int size, long totalItems,
                        int totalPages) {
}
