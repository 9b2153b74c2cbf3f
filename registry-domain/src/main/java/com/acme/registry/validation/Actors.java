package com.acme.registry.validation;

import java.util.Set;

/**
 * Who did what, for segregation of duties: an API token acts for its owner, so what it did counts as the owner's
 * own act.
 */
public final class Actors {

    private Actors() {
    }

    /** Whether {@code actor} is {@code person} or one of the person's API tokens. */
    public static boolean samePerson(String person, Set<String> personsTokens, String actor) {
        return person.equals(actor) || personsTokens.contains(actor);
    }

    /** Names the token through which {@code person} acted, for a refusal's message; empty when they acted themselves. */
    public static String through(String person, String actor) {
        return person.equals(actor) ? "" : " (through the API token " + actor + " acting for them)";
    }
}
