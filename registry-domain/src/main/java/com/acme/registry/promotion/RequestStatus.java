package com.acme.registry.promotion;

public enum RequestStatus {
    PENDING, GRANTED, REJECTED
}
