package com.acme.registry.model;

public enum VersionStatus {
    REGISTERED, ARCHIVED
}
