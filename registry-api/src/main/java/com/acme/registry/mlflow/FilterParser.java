package com.acme.registry.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads MLflow's registry search filter ({@code <key> <comparator> <value> [AND ...]}) into clauses, following
 * MLflow's search_utils: keys {@code name}, {@code attribute.name}, {@code tag.<key>}/{@code tags.<key>} with the
 * tag key bare, backticked or double-quoted; values quoted with ' or " and kept as written between the quotes
 * (MLflow does not unescape {@code ''} or {@code \'} either), a number, or a parenthesised list of quoted values.
 * Which key takes which comparator and value is decided by {@link MlflowFilter}.
 */
final class FilterParser {

    static final int MAX_LENGTH = 4_000;
    static final int MAX_CLAUSES = 20;

    enum Kind { ATTRIBUTE, TAG }

    sealed interface Value permits Text, Number, TextList {
    }

    record Text(String text) implements Value {
        @Override
        public String toString() {
            return "'" + text + "'";
        }
    }

    record Number(String literal) implements Value {
        @Override
        public String toString() {
            return literal;
        }
    }

    record TextList(List<String> items) implements Value {
        @Override
        public String toString() {
            return items.stream().map(i -> "'" + i + "'").toList().toString().replace('[', '(').replace(']', ')');
        }
    }

    record Clause(Kind kind, String key, String comparator, Value value) {
        String keyAsWritten() {
            return kind == Kind.TAG ? "tags." + key : key;
        }
    }

    private static final Set<String> SYMBOL_COMPARATORS = Set.of("=", "!=", "<", "<=", ">", ">=");
    private static final Set<String> WORD_COMPARATORS = Set.of("LIKE", "ILIKE", "IN");

    private final String input;
    private int pos;

    private FilterParser(String input) {
        this.input = input;
    }

    /** The clauses of a filter; none for a null or blank one. */
    static List<Clause> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        if (filter.length() > MAX_LENGTH) {
            throw MlflowException.invalid("Invalid filter: it has " + filter.length()
                    + " characters, at most " + MAX_LENGTH + " are allowed");
        }
        return new FilterParser(filter).clauses();
    }

    private List<Clause> clauses() {
        List<Clause> clauses = new ArrayList<>();
        skipSpace();
        while (true) {
            clauses.add(clause());
            if (clauses.size() > MAX_CLAUSES) {
                throw MlflowException.invalid("Invalid filter: more than " + MAX_CLAUSES + " clauses");
            }
            skipSpace();
            if (atEnd()) {
                return clauses;
            }
            int start = pos;
            String word = word();
            if (word.equalsIgnoreCase("OR")) {
                throw MlflowException.invalid("Invalid filter: OR is not supported, join clauses with AND");
            }
            if (!word.equalsIgnoreCase("AND")) {
                throw invalidAt(start, "expected AND between clauses");
            }
            skipSpace();
            if (atEnd()) {
                throw MlflowException.invalid("Invalid filter: it ends with AND, a clause must follow");
            }
        }
    }

    private Clause clause() {
        int start = pos;
        Clause key = key();
        skipSpace();
        String comparator = comparator(key);
        skipSpace();
        if (atEnd()) {
            throw MlflowException.invalid("Invalid filter: missing value after '" + input.substring(start).trim() + "'");
        }
        return new Clause(key.kind(), key.key(), comparator, value(key));
    }

    /** A clause with only the key filled in. */
    private Clause key() {
        if (peek() == '`' || peek() == '"') {
            return new Clause(Kind.ATTRIBUTE, quoted(peek(), "key"), null, null);
        }
        int start = pos;
        String word = identifier(false);
        if (word.isEmpty()) {
            throw invalidAt(start, "expected a key such as name or tags.<key>");
        }
        if (atEnd() || peek() != '.') {
            return new Clause(Kind.ATTRIBUTE, word, null, null);
        }
        pos++;
        Kind kind = switch (word) {
            case "attribute" -> Kind.ATTRIBUTE;
            case "tag", "tags" -> Kind.TAG;
            default -> throw MlflowException.invalid("Invalid entity type '" + word
                    + "' in filter: allowed are attribute, tag, tags");
        };
        String key = !atEnd() && (peek() == '`' || peek() == '"') ? quoted(peek(), "key") : identifier(true);
        if (key.isEmpty()) {
            throw MlflowException.invalid("Invalid filter: empty key after '" + word + ".'");
        }
        return new Clause(kind, key, null, null);
    }

    private String comparator(Clause key) {
        int start = pos;
        while (!atEnd() && "!=<>".indexOf(peek()) >= 0) {
            pos++;
        }
        String symbol = input.substring(start, pos);
        if (!symbol.isEmpty()) {
            if (!SYMBOL_COMPARATORS.contains(symbol)) {
                throw MlflowException.invalid("Invalid comparator '" + symbol + "' for " + key.keyAsWritten()
                        + ": comparators are =, !=, <, <=, >, >=, LIKE, ILIKE, IN");
            }
            return symbol;
        }
        String word = word().toUpperCase(Locale.ROOT);
        if (word.isEmpty()) {
            throw invalidAt(start, "expected a comparator after " + key.keyAsWritten());
        }
        if (word.equals("NOT")) {
            throw MlflowException.invalid("Invalid comparator 'NOT' for " + key.keyAsWritten()
                    + ": NOT LIKE and NOT IN are not supported");
        }
        if (!WORD_COMPARATORS.contains(word)) {
            throw MlflowException.invalid("Invalid comparator '" + word + "' for " + key.keyAsWritten()
                    + ": comparators are =, !=, <, <=, >, >=, LIKE, ILIKE, IN");
        }
        return word;
    }

    private Value value(Clause key) {
        char c = peek();
        if (c == '\'' || c == '"') {
            return new Text(quoted(c, "value"));
        }
        if (c == '(') {
            return list(key);
        }
        if (Character.isDigit(c) || c == '-' || c == '+') {
            int start = pos;
            pos++;
            while (!atEnd() && (Character.isDigit(peek()) || peek() == '.')) {
                pos++;
            }
            return new Number(input.substring(start, pos));
        }
        int start = pos;
        while (!atEnd() && !Character.isWhitespace(peek())) {
            pos++;
        }
        throw MlflowException.invalid("Invalid value " + input.substring(start, pos) + " for " + key.keyAsWritten()
                + ": string values must be quoted with ' or \"");
    }

    private TextList list(Clause key) {
        pos++;
        List<String> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (atEnd() || (peek() != '\'' && peek() != '"')) {
                throw MlflowException.invalid("Invalid list for " + key.keyAsWritten()
                        + ": expected a non-empty list of quoted values such as ('a', 'b')");
            }
            items.add(quoted(peek(), "value"));
            skipSpace();
            if (!atEnd() && peek() == ',') {
                pos++;
            } else if (!atEnd() && peek() == ')') {
                pos++;
                return new TextList(items);
            } else {
                throw MlflowException.invalid("Invalid list for " + key.keyAsWritten()
                        + ": expected ',' or ')' after a value");
            }
        }
    }

    /**
     * The text between a pair of quotes, as sqlparse's {@code '(''|\\'|[^'])*'} reads it: a doubled quote or a
     * backslash-quote does not end it, unless nothing else would, then the last such quote ends it (its backtracking).
     */
    private String quoted(char quote, String what) {
        int start = pos;
        int lastPairedQuote = -1;
        pos++;
        while (!atEnd()) {
            char c = peek();
            boolean nextIsQuote = pos + 1 < input.length() && input.charAt(pos + 1) == quote;
            if (c == '\\' && nextIsQuote) {
                lastPairedQuote = pos + 1;
                pos += 2;
            } else if (c == quote && nextIsQuote) {
                lastPairedQuote = pos;
                pos += 2;
            } else if (c == quote) {
                pos++;
                return input.substring(start + 1, pos - 1);
            } else {
                pos++;
            }
        }
        if (lastPairedQuote >= 0) {
            pos = lastPairedQuote + 1;
            return input.substring(start + 1, lastPairedQuote);
        }
        throw MlflowException.invalid("Invalid filter: unterminated quoted " + what + " starting at position "
                + start + " (" + input.charAt(start) + ")");
    }

    /** Letters, digits and _; a tag key may also hold . and -. */
    private String identifier(boolean tagKey) {
        int start = pos;
        while (!atEnd()) {
            char c = peek();
            if (Character.isLetterOrDigit(c) || c == '_' || (tagKey && (c == '.' || c == '-'))) {
                pos++;
            } else {
                break;
            }
        }
        return input.substring(start, pos);
    }

    private String word() {
        int start = pos;
        while (!atEnd() && Character.isLetter(peek())) {
            pos++;
        }
        return input.substring(start, pos);
    }

    private MlflowException invalidAt(int at, String expected) {
        String rest = input.substring(at);
        String shown = rest.length() > 30 ? rest.substring(0, 30) + "..." : rest;
        return MlflowException.invalid("Invalid filter at position " + at + ": " + expected + ", found '" + shown + "'");
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private char peek() {
        return input.charAt(pos);
    }
}
