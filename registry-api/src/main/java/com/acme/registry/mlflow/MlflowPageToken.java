package com.acme.registry.mlflow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MLflow's page_token: base64 of {@code {"offset": N}}, written exactly as MLflow writes it, and max_results with
 * MLflow's defaults and limits (mlflow/store/model_registry/__init__.py).
 */
final class MlflowPageToken {

    public static final int MODELS_MAX_RESULTS_DEFAULT = 100;
    public static final int MODELS_MAX_RESULTS_LIMIT = 1_000;
    public static final int VERSIONS_MAX_RESULTS_DEFAULT = 10_000;
    public static final int VERSIONS_MAX_RESULTS_LIMIT = 200_000;

    private static final int MAX_TOKEN_LENGTH = 200;
    private static final Pattern OFFSET = Pattern.compile("\\s*\\{\\s*\"offset\"\\s*:\\s*\"?(\\d{1,10})\"?\\s*}\\s*");

    private MlflowPageToken() {
    }

    /** The token for the page that starts at {@code offset}. */
    public static String encode(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        return Base64.getEncoder().encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token stands for; 0 for a null or blank token (the first page). */
    public static int decode(String token) {
        if (token == null || token.isBlank()) {
            return 0;
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw MlflowException.invalid("Invalid page_token: longer than " + MAX_TOKEN_LENGTH
                    + " characters; pass the next_page_token of the previous response");
        }
        String json;
        try {
            // MLflow writes standard base64; a client may hand back its URL-safe form
            json = new String(Base64.getDecoder().decode(token.trim().replace('-', '+').replace('_', '/')),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw MlflowException.invalid("Invalid page_token '" + token + "': not base64; pass the "
                    + "next_page_token of the previous response");
        }
        Matcher matcher = OFFSET.matcher(json);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) > Integer.MAX_VALUE) {
            throw MlflowException.invalid("Invalid page_token '" + token + "': it holds no valid offset; pass the "
                    + "next_page_token of the previous response");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The requested max_results, or {@code defaultValue} when none was given; refused outside 1..limit. */
    public static int maxResults(Long requested, int defaultValue, int limit) {
        if (requested == null) {
            return defaultValue;
        }
        if (requested < 1 || requested > limit) {
            throw MlflowException.invalid("Invalid value " + requested + " for parameter max_results: it must be "
                    + "between 1 and " + limit);
        }
        return requested.intValue();
    }
}
