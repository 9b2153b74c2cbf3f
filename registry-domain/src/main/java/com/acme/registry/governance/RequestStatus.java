package com.acme.registry.governance;

public enum RequestStatus {
    PENDING, GRANTED, REJECTED
}
