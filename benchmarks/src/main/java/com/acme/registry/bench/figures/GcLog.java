package com.acme.registry.bench.figures;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap figures from a JVM's {@code -Xlog:gc,gc+heap+exit} log. The heap is fullest just before a collection, so the
 * peak is the largest "before" of any pause ({@code 12M->4M(256M)}) or the heap in use at exit, whichever is larger;
 * the live heap is the largest "after".
 */
public final class GcLog {

    private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern EXIT = Pattern.compile("total (\\d+)K, used (\\d+)K");

    public record Heap(double peakMb, double liveMb, double capacityMb, int pauses) {
    }

    private GcLog() {
    }

    public static Heap parse(List<String> lines) {
        double peak = 0;
        double live = 0;
        double capacity = 0;
        int pauses = 0;
        double exitUsed = 0;
        for (String line : lines) {
            if (line.contains("gc,heap,exit")) {
                if (line.contains("Metaspace") || line.contains("class space")) {
                    continue;
                }
                Matcher m = EXIT.matcher(line);
                if (m.find()) {
                    exitUsed += Long.parseLong(m.group(2)) / 1024.0;
                    capacity = Math.max(capacity, Long.parseLong(m.group(1)) / 1024.0);
                }
                continue;
            }
            Matcher m = PAUSE.matcher(line);
            if (line.contains("Pause") && m.find()) {
                pauses++;
                peak = Math.max(peak, mb(m.group(1), m.group(2)));
                live = Math.max(live, mb(m.group(3), m.group(4)));
                capacity = Math.max(capacity, mb(m.group(5), m.group(6)));
            }
        }
        return new Heap(Math.max(peak, exitUsed), live, capacity, pauses);
    }

    private static double mb(String number, String unit) {
        double n = Double.parseDouble(number);
        return switch (unit) {
            case "K" -> n / 1024;
            case "G" -> n * 1024;
            default -> n;
        };
    }
}
