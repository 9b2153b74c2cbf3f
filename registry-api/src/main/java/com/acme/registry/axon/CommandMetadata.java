package com.acme.registry.axon;

/**
 * The metadata every command carries and every event it produces inherits: who acted, for whom, in which request
 * and when. Written by the adapters (security's dispatch interceptor), read by projections and the audit log.
 */
public final class CommandMetadata {

    /** The authenticated principal: a person's username, {@code token:NAME}, or {@code registry} / {@code system}. */
    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlationId";
    public static final String REQUESTED_AT = "requestedAt";
    /** The person an API token acts for; absent when a person acts. */
    public static final String ACTING_FOR = "actingFor";

    private CommandMetadata() {
    }
}
