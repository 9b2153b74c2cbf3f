package com.acme.registry.identity;

/** Published after a person's account changed (password, enabled flag or roles), once the change committed. */
public record AccountChanged(String username) {
}
