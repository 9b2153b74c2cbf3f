package com.acme.registry.web.idempotency;

/** The same Idempotency-Key came with a different request: answered 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was used before with a different request; use a new key for a new request.");
    }
}
