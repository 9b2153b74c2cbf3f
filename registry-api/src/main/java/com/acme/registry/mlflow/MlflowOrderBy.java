package com.acme.registry.mlflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MLflow's order_by list ({@code <key> [ASC|DESC]}, the key bare, backticked or double-quoted) as an SQL ORDER BY
 * list, always ending with a unique tiebreak as MLflow's SqlAlchemyStore does: name for models, name then version
 * (descending) for versions. Columns come only from the tables below.
 */
final class MlflowOrderBy {

    private static final int MAX_ENTRY_LENGTH = 100;
    private static final Pattern ENTRY = Pattern.compile(
            "\\s*(?:`([^`]*)`|\"([^\"]*)\"|(?:attribute\\.)?([A-Za-z_]+))(?:\\s+([A-Za-z]+))?\\s*");

    private static final Map<String, String> MODEL_KEYS = new LinkedHashMap<>();
    private static final Map<String, String> VERSION_KEYS = new LinkedHashMap<>();

    static {
        MODEL_KEYS.put("name", "m.name");
        // MLflow's SqlAlchemyStore sorts "timestamp" by the last update, not by the creation
        MODEL_KEYS.put("timestamp", "m.last_updated_at");
        MODEL_KEYS.put("last_updated_timestamp", "m.last_updated_at");
        MODEL_KEYS.put("creation_timestamp", "m.registered_at");
        VERSION_KEYS.put("name", "v.model_name");
        VERSION_KEYS.put("version_number", "v.version");
        VERSION_KEYS.put("creation_timestamp", "v.registered_at");
        VERSION_KEYS.put("timestamp", "v.registered_at");
        VERSION_KEYS.put("last_updated_timestamp", "v.last_updated_at");
    }

    /** MLflow's default for search_model_versions: most recently updated first. */
    private static final List<String> VERSION_DEFAULT =
            List.of("last_updated_timestamp DESC", "name ASC", "version_number DESC");

    private MlflowOrderBy() {
    }

    /** The ORDER BY list (without the words ORDER BY) for {@code m}; {@code m.name ASC} by default. */
    public static String forModels(List<String> orderBy) {
        List<String> terms = terms(orderBy == null ? List.of() : orderBy, MODEL_KEYS);
        addUnlessSorted(terms, "m.name", "ASC");
        return String.join(", ", terms);
    }

    /** The ORDER BY list for {@code v}; {@code v.last_updated_at DESC, v.model_name ASC, v.version DESC} by default. */
    public static String forVersions(List<String> orderBy) {
        List<String> terms = terms(orderBy == null || orderBy.isEmpty() ? VERSION_DEFAULT : orderBy, VERSION_KEYS);
        addUnlessSorted(terms, "v.model_name", "ASC");
        addUnlessSorted(terms, "v.version", "DESC");
        return String.join(", ", terms);
    }

    private static List<String> terms(List<String> orderBy, Map<String, String> keys) {
        List<String> terms = new ArrayList<>();
        for (String entry : orderBy) {
            String shown = entry == null ? "" : entry.length() > MAX_ENTRY_LENGTH
                    ? entry.substring(0, MAX_ENTRY_LENGTH) + "..." : entry;
            Matcher matcher = entry == null || entry.length() > MAX_ENTRY_LENGTH ? null : ENTRY.matcher(entry);
            if (matcher == null || !matcher.matches()) {
                throw MlflowException.invalid("Invalid order_by clause '" + shown
                        + "': expected '<key> [ASC|DESC]' with key one of " + String.join(", ", keys.keySet()));
            }
            String key = firstNonNull(matcher.group(1), matcher.group(2), matcher.group(3));
            String column = keys.get(key);
            if (column == null) {
                throw MlflowException.invalid("Invalid order_by key '" + key + "': allowed are "
                        + String.join(", ", keys.keySet()));
            }
            String direction = matcher.group(4) == null ? "ASC" : matcher.group(4).toUpperCase(Locale.ROOT);
            if (!direction.equals("ASC") && !direction.equals("DESC")) {
                throw MlflowException.invalid("Invalid order_by direction '" + matcher.group(4) + "' in '" + shown
                        + "': allowed are ASC, DESC");
            }
            if (sorts(terms, column)) {
                throw MlflowException.invalid("Invalid order_by: '" + shown + "' sorts by a field already sorted by");
            }
            terms.add(column + " " + direction);
        }
        return terms;
    }

    private static void addUnlessSorted(List<String> terms, String column, String direction) {
        if (!sorts(terms, column)) {
            terms.add(column + " " + direction);
        }
    }

    private static boolean sorts(List<String> terms, String column) {
        return terms.stream().anyMatch(term -> term.startsWith(column + " "));
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalStateException("the order_by pattern always captures a key");
    }
}
