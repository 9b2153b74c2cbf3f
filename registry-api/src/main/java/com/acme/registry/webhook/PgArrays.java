package com.acme.registry.webhook;

import java.util.List;

/** PostgreSQL array literals of text, for {@code ?::text[]} parameters. */
final class PgArrays {

    private PgArrays() {
    }

    static String text(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }
}
