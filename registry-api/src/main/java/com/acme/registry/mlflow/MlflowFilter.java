package com.acme.registry.mlflow;

import com.acme.registry.mlflow.FilterParser.Clause;
import com.acme.registry.mlflow.FilterParser.Kind;
import com.acme.registry.mlflow.FilterParser.Number;
import com.acme.registry.mlflow.FilterParser.Text;
import com.acme.registry.mlflow.FilterParser.TextList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MLflow's search filter for registered models and model versions as a parameterised PostgreSQL condition.
 * Column names come only from the tables below; every user value, tag keys included, is a {@code ?} argument.
 * Semantics follow MLflow's SqlAlchemyStore on PostgreSQL: {@code =} and {@code !=} exact, {@code LIKE}
 * case-sensitive and {@code ILIKE} not (both with % and _, backslash escapes), and a tag clause only matches rows
 * that have the tag, except for MLflow's prompt marker tag (see {@link #PROMPT_TAG}).
 */
final class MlflowFilter {

    /**
     * MLflow 3 tells prompts from models by this tag and its client always sends {@code != 'true'}; MLflow's store
     * then drops every clause on the tag and keeps only rows not tagged 'true', untagged ones included, unless the
     * first clause on it asks for prompts ({@code = 'true'} or {@code != 'false'}).
     */
    static final String PROMPT_TAG = "mlflow.prompt.is_prompt";

    private static final Set<String> STRING_COMPARATORS = Set.of("=", "!=", "LIKE", "ILIKE");
    private static final Set<String> RUN_ID_COMPARATORS = Set.of("=", "!=", "LIKE", "ILIKE", "IN");
    private static final Set<String> NUMBER_COMPARATORS = Set.of("=", "!=", "<", "<=", ">", ">=");

    private enum Type { STRING, RUN_ID, INTEGER }

    private record Attribute(String column, Type type) {
        Set<String> comparators() {
            return switch (type) {
                case STRING -> STRING_COMPARATORS;
                case RUN_ID -> RUN_ID_COMPARATORS;
                case INTEGER -> NUMBER_COMPARATORS;
            };
        }
    }

    private record Target(Map<String, Attribute> attributes, String tagsColumn) {
        String allowedKeys() {
            return String.join(", ", attributes.keySet()) + ", tags.<key>";
        }
    }

    private static final Target MODELS = new Target(Map.of("name", new Attribute("m.name", Type.STRING)), "m.tags");

    private static final Target VERSIONS = new Target(versionAttributes(), "v.tags");

    private MlflowFilter() {
    }

    /** A search_registered_models filter over {@code m} (name, tags). */
    public static SqlCondition forModels(String filter) {
        return translate(filter, MODELS);
    }

    /** A search_model_versions filter over {@code v} (model_name, version, artifact_uri, training_run, tags). */
    public static SqlCondition forVersions(String filter) {
        return translate(filter, VERSIONS);
    }

    private static SqlCondition translate(String filter, Target target) {
        List<Clause> clauses = FilterParser.parse(filter);
        boolean mentionsPrompts = clauses.stream().anyMatch(MlflowFilter::isPromptClause);
        boolean queriesPrompts = clauses.stream().filter(MlflowFilter::isPromptClause).findFirst()
                .map(MlflowFilter::asksForPrompts).orElse(false);
        List<String> sql = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        boolean promptsExcluded = false;
        for (Clause clause : clauses) {
            SqlCondition condition = clause.kind() == Kind.TAG ? tag(clause, target) : attribute(clause, target);
            if (mentionsPrompts && !queriesPrompts && isPromptClause(clause)) {
                if (!promptsExcluded) {
                    sql.add("(" + target.tagsColumn() + "->>?) IS DISTINCT FROM ?");
                    args.add(PROMPT_TAG);
                    args.add("true");
                    promptsExcluded = true;
                }
                continue;
            }
            sql.add(condition.sql());
            args.addAll(condition.args());
        }
        return sql.isEmpty() ? new SqlCondition("TRUE", List.of()) : new SqlCondition(String.join(" AND ", sql), args);
    }

    private static SqlCondition attribute(Clause clause, Target target) {
        Attribute attribute = target.attributes().get(clause.key());
        if (attribute == null) {
            throw MlflowException.invalid("Invalid attribute key '" + clause.key() + "' in filter: allowed are "
                    + target.allowedKeys());
        }
        checkComparator(clause, attribute.comparators());
        String column = attribute.column();
        if (attribute.type() == Type.INTEGER) {
            return new SqlCondition(column + " " + sqlOperator(clause.comparator()) + " ?", List.of(integer(clause)));
        }
        if (clause.comparator().equals("IN")) {
            if (!(clause.value() instanceof TextList list)) {
                throw MlflowException.invalid("Invalid value " + clause.value() + " for " + clause.key()
                        + ": IN needs a list of quoted values such as ('a', 'b')");
            }
            String placeholders = String.join(", ", Collections.nCopies(list.items().size(), "?"));
            return new SqlCondition(column + " IN (" + placeholders + ")", List.copyOf(list.items()));
        }
        return new SqlCondition(column + " " + sqlOperator(clause.comparator()) + " ?", List.of(text(clause)));
    }

    private static SqlCondition tag(Clause clause, Target target) {
        checkComparator(clause, STRING_COMPARATORS);
        String expression = "(" + target.tagsColumn() + "->>?)";
        return new SqlCondition(expression + " " + sqlOperator(clause.comparator()) + " ?",
                List.of(clause.key(), text(clause)));
    }

    private static void checkComparator(Clause clause, Set<String> allowed) {
        if (!allowed.contains(clause.comparator())) {
            String list = String.join(", ", List.of("=", "!=", "<", "<=", ">", ">=", "LIKE", "ILIKE", "IN").stream()
                    .filter(allowed::contains).toList());
            throw MlflowException.invalid("Invalid comparator '" + clause.comparator() + "' for "
                    + clause.keyAsWritten() + ": allowed are " + list);
        }
    }

    private static String text(Clause clause) {
        if (!(clause.value() instanceof Text text)) {
            throw MlflowException.invalid("Invalid value " + clause.value() + " for " + clause.keyAsWritten()
                    + ": expected a quoted string such as 'my-value'");
        }
        if ((clause.comparator().equals("LIKE") || clause.comparator().equals("ILIKE"))
                && endsWithLoneBackslash(text.text())) {
            throw MlflowException.invalid("Invalid pattern " + text + " for " + clause.keyAsWritten()
                    + ": a LIKE pattern must not end with an unescaped backslash");
        }
        return text.text();
    }

    private static Integer integer(Clause clause) {
        String literal = clause.value() instanceof Number number ? number.literal()
                : clause.value() instanceof Text text ? text.text() : "";
        try {
            return Integer.valueOf(literal);
        } catch (NumberFormatException e) {
            throw MlflowException.invalid("Invalid value " + clause.value() + " for " + clause.key()
                    + ": expected an integer");
        }
    }

    private static boolean endsWithLoneBackslash(String pattern) {
        int backslashes = 0;
        for (int i = pattern.length() - 1; i >= 0 && pattern.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String sqlOperator(String comparator) {
        return comparator.equals("!=") ? "<>" : comparator;
    }

    private static boolean isPromptClause(Clause clause) {
        return clause.kind() == Kind.TAG && clause.key().equals(PROMPT_TAG);
    }

    private static boolean asksForPrompts(Clause clause) {
        String value = clause.value() instanceof Text text ? text.text() : "";
        return (clause.comparator().equals("=") && value.equalsIgnoreCase("true"))
                || (clause.comparator().equals("!=") && value.equalsIgnoreCase("false"));
    }

    private static Map<String, Attribute> versionAttributes() {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        attributes.put("name", new Attribute("v.model_name", Type.STRING));
        attributes.put("run_id", new Attribute("(v.training_run->>'id')", Type.RUN_ID));
        attributes.put("source_path", new Attribute("v.artifact_uri", Type.STRING));
        attributes.put("version_number", new Attribute("v.version", Type.INTEGER));
        return Collections.unmodifiableMap(attributes);
    }
}
