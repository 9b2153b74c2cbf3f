package com.acme.registry.security;

/** Published after a person's account changed (password, enabled flag or roles), once the change committed. */
public record AccountChanged(String username) {
}
