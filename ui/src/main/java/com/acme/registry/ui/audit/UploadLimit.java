package com.acme.registry.ui.audit;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * The largest upload the application accepts (spring.servlet.multipart: the smaller of max-file-size and
 * max-request-size), so the verification page can say it and refuse a larger file before sending it.
 */
@Component
class UploadLimit {

    private final long bytes;

    UploadLimit(ObjectProvider<MultipartConfigElement> multipart) {
        MultipartConfigElement config = multipart.getIfAvailable();
        long file = config == null ? -1 : config.getMaxFileSize();
        long request = config == null ? -1 : config.getMaxRequestSize();
        this.bytes = file > 0 && request > 0 ? Math.min(file, request) : Math.max(file, request);
    }

    /** The limit in bytes, or -1 for none. */
    public long bytes() {
        return bytes;
    }

    public String text() {
        return bytes < 0 ? "no limit" : size(bytes);
    }

    static String size(long bytes) {
        if (bytes >= 1024L * 1024 * 1024) {
            return trim(bytes / (1024.0 * 1024 * 1024)) + " GB";
        }
        if (bytes >= 1024L * 1024) {
            return trim(bytes / (1024.0 * 1024)) + " MB";
        }
        if (bytes >= 1024) {
            return trim(bytes / 1024.0) + " KB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
