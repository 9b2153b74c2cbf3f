package com.acme.registry.ui.rollout;

/** An environment on the promotion form, with what a request for it will lead to. */
public record EnvironmentChoice(String name, String outcome) {
}
