package com.acme.registry.validation;

/** Upper bounds on what one model or version may carry, so no request can bloat the event store. */
public final class Limits {

    public static final int NAME = 200;
    public static final int SHORT_TEXT = 200;
    public static final int FREE_TEXT = 4000;
    public static final int URI = 2000;
    public static final int KEY = 100;
    public static final int MAP_VALUE = 1000;
    public static final int MAP_ENTRIES = 200;
    public static final int DATASETS = 100;
    public static final int FEATURES = 2000;
    public static final int SIGNATURE_FIELDS = 2000;

    private Limits() {
    }
}
