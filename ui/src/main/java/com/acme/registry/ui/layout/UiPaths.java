package com.acme.registry.ui.layout;

import org.springframework.web.util.UriComponentsBuilder;

/** Addresses of UI pages that more than one capability links to. */
public final class UiPaths {

    private UiPaths() {
    }

    /** The page of one model in one environment, where rollouts are started and watched. */
    public static String environment(String model, String environment) {
        return UriComponentsBuilder.fromPath("/catalog/{name}/environments/{environment}")
                .buildAndExpand(model, environment).encode().toUriString();
    }
}
