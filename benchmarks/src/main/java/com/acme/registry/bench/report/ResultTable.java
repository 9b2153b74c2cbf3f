package com.acme.registry.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table the harness prints: every figure, its baseline where it has one, the ratio figure ÷ baseline, and
 * the target of issue 6 with whether this run met it. Markdown, so that a run can be pasted into the report.
 */
public final class ResultTable {

    /**
     * @param figure   the letter, e.g. "a"
     * @param measure  what was measured, e.g. "registrations/s, 8 clients"
     * @param value    the figure (NaN when it could not be measured)
     * @param unit     e.g. "/s", "ms", "MB"
     * @param baseline the baseline's figure in the same unit, or null when the figure has none
     * @param target   the target, or null
     */
    public record Row(String figure, String measure, double value, String unit, Double baseline, Target target) {

        /** value ÷ baseline; NaN without a baseline. */
        public double ratio() {
            return baseline == null || baseline == 0 || Double.isNaN(baseline) ? Double.NaN : value / baseline;
        }

        public Boolean met() {
            return target == null ? null : target.met(value, ratio());
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public ResultTable add(String figure, String measure, double value, String unit, Double baseline, Target target) {
        rows.add(new Row(figure, measure, value, unit, baseline, target));
        return this;
    }

    public ResultTable note(String note) {
        notes.add(note);
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public String render() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"", "measure", "figure", "baseline", "ratio", "target", "met"});
        for (Row row : rows) {
            Boolean met = row.met();
            cells.add(new String[] {
                    "(" + row.figure() + ")",
                    row.measure(),
                    Numbers.format(row.value(), row.unit()),
                    row.baseline() == null ? "—" : Numbers.format(row.baseline(), row.unit()),
                    row.baseline() == null ? "—" : Numbers.format(row.ratio()),
                    row.target() == null ? "—" : row.target().describe(row.unit()),
                    met == null ? "—" : met ? "yes" : "no"});
        }
        StringBuilder out = new StringBuilder(Markdown.table(cells, new boolean[] {false, false, true, true, true, false, false}));
        if (!notes.isEmpty()) {
            out.append('\n');
            for (String note : notes) {
                out.append("- ").append(note).append('\n');
            }
        }
        return out.toString();
    }
}
