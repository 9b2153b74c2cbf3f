package com.acme.registry.model;

/** Model search; every criterion is optional. {@code tagValue} without {@code tagKey} is ignored. */
public record ModelSearch(String namePrefix, String ownerTeam, String riskTier, String tagKey, String tagValue,
                          String status) {
}
