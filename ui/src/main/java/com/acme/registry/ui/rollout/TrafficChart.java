package com.acme.registry.ui.rollout;

import com.acme.registry.rollout.ServingPeriod;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traffic split of one environment over time as a stacked step chart: the champion's share at the bottom,
 * the rollout candidate's on top, each version in its own colour. Geometry is computed here so the template only
 * places shapes; the same periods feed the table beside the chart.
 */
public record TrafficChart(List<Period> periods, List<Bar> bars, List<Tick> timeTicks, List<Tick> percentTicks,
                           Map<Integer, String> versionColours, Instant start, Instant end) {

    public static final int WIDTH = 880;
    public static final int HEIGHT = 250;
    static final int LEFT = 52;
    static final int RIGHT = 860;
    static final int TOP = 14;
    static final int BOTTOM = 210;
    private static final int COLOURS = 6;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** [from, to) with one split; {@code to} is null while it lasts. A version is null where the slot is empty. */
    public record Period(Instant from, Instant to, Integer championVersion, int championPercent,
                         Integer candidateVersion, int candidatePercent) {

        static Period of(ServingPeriod period) {
            return new Period(period.from(), period.to(), period.championVersion(), period.championPercent(),
                    period.candidateVersion(), period.candidatePercent());
        }

        public String fromText() {
            return SECONDS.format(from);
        }

        public String toText() {
            return to == null ? "now" : SECONDS.format(to);
        }
    }

    /** One rectangle: a version's share during one period. */
    public record Bar(int x, int y, int width, int height, String colour, String label) {
    }

    public record Tick(int position, String label) {
    }

    public int plotLeft() {
        return LEFT;
    }

    public int plotRight() {
        return RIGHT;
    }

    public boolean empty() {
        return periods.isEmpty();
    }

    public static TrafficChart of(List<Period> periods, Instant now) {
        if (periods.isEmpty()) {
            return new TrafficChart(List.of(), List.of(), List.of(), percentScale(), Map.of(), null, null);
        }
        Instant start = periods.get(0).from();
        Instant end = periods.stream().map(p -> p.to() == null ? now : p.to()).max(Instant::compareTo).orElse(now);
        if (now.isAfter(end)) {
            end = now;
        }
        long span = Math.max(1, Duration.between(start, end).toMillis());
        Map<Integer, String> colours = new LinkedHashMap<>();
        List<Bar> bars = new ArrayList<>();
        for (Period p : periods) {
            int x0 = x(p.from(), start, span);
            int x1 = x(p.to() == null ? end : p.to(), start, span);
            int width = Math.max(1, x1 - x0);
            if (p.championVersion() != null && p.championPercent() > 0) {
                bars.add(bar(x0, width, 0, p.championPercent(), colour(colours, p.championVersion()),
                        "v" + p.championVersion() + " (champion) " + p.championPercent() + "% from " + p.fromText()
                                + " to " + p.toText()));
            }
            if (p.candidateVersion() != null && p.candidatePercent() > 0) {
                int below = p.championVersion() == null ? 0 : p.championPercent();
                bars.add(bar(x0, width, below, p.candidatePercent(), colour(colours, p.candidateVersion()),
                        "v" + p.candidateVersion() + " (candidate) " + p.candidatePercent() + "% from "
                                + p.fromText() + " to " + p.toText()));
            }
            if (p.championVersion() != null) {
                colour(colours, p.championVersion());
            }
        }
        return new TrafficChart(List.copyOf(periods), bars, timeScale(start, end), percentScale(), colours, start, end);
    }

    private static Bar bar(int x, int width, int fromPercent, int percent, String colour, String label) {
        int top = y(fromPercent + percent);
        return new Bar(x, top, width, y(fromPercent) - top, colour, label);
    }

    private static String colour(Map<Integer, String> colours, int version) {
        return colours.computeIfAbsent(version, v -> "c" + (colours.size() % COLOURS));
    }

    private static int x(Instant at, Instant start, long span) {
        return LEFT + (int) Math.round((RIGHT - LEFT) * (double) Duration.between(start, at).toMillis() / span);
    }

    private static int y(int percent) {
        return BOTTOM - (int) Math.round((BOTTOM - TOP) * percent / 100.0);
    }

    private static List<Tick> percentScale() {
        List<Tick> ticks = new ArrayList<>();
        for (int p = 0; p <= 100; p += 25) {
            ticks.add(new Tick(y(p), p + "%"));
        }
        return ticks;
    }

    private static List<Tick> timeScale(Instant start, Instant end) {
        Duration span = Duration.between(start, end);
        DateTimeFormatter format = DateTimeFormatter.ofPattern(
                span.toHours() < 1 ? "HH:mm:ss" : span.toDays() < 2 ? "MM-dd HH:mm" : "yyyy-MM-dd")
                .withZone(ZoneOffset.UTC);
        List<Tick> ticks = new ArrayList<>();
        int count = 4;
        for (int i = 0; i <= count; i++) {
            Instant at = start.plusMillis(span.toMillis() * i / count);
            ticks.add(new Tick(LEFT + (RIGHT - LEFT) * i / count, format.format(at)));
        }
        return ticks;
    }
}
