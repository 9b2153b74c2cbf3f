package com.acme.registry.validation;

/** The thing a command or query names does not exist. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
