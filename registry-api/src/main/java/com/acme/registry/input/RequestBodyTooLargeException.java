package com.acme.registry.input;

import java.io.IOException;

/** The request body passed the configured limit while it was being read (a chunked body has no length). */
public class RequestBodyTooLargeException extends IOException {

    private final long limit;

    public RequestBodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The exception among {@code failure} and its causes, or null. */
    public static RequestBodyTooLargeException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    public static String describe(long limit) {
        if (limit >= 1024 * 1024 && limit % (1024 * 1024) == 0) {
            return (limit / (1024 * 1024)) + " MB";
        }
        if (limit >= 1024 && limit % 1024 == 0) {
            return (limit / 1024) + " KB";
        }
        return limit + " bytes";
    }
}
