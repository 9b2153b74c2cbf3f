package com.acme.registry.bench.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Summarises an async-profiler CPU profile in collapsed form recorded with the {@code threads} option (each line
 * {@code [thread name tid=N];frame;frame;… samples}): CPU samples per thread kind, then, for the chosen threads,
 * who owns the CPU — each sample is charged to the innermost frame that belongs to a known library or module
 * (JDK and JVM frames are charged to their caller), so "org/postgresql" is the time the JDBC driver and the socket
 * calls under it took. docs/benchmarks.md gives the command that records such a profile.
 *
 * <pre>java -cp registry-benchmarks.jar com.acme.registry.bench.profile.ProfileSummary prof.collapsed http-nio EventProcessor</pre>
 */
public final class ProfileSummary {

    /** Library or module a frame belongs to: the first one, two or three package levels that name it. */
    private static final Pattern OWNER = Pattern.compile("^(org/springframework/[a-z]+(?:/[a-z]+)?|org/apache/[a-z]+"
            + "|io/micrometer|tools/jackson|com/fasterxml|com/acme/registry/[a-z]+|org/axonframework/[a-z]+"
            + "|org/postgresql|com/zaxxer|org/hibernate|com/github/benmanes|org/thymeleaf|org/flywaydb)");
    private static final Pattern THREAD = Pattern.compile("^\\[(.*?)(?: tid=\\d+)?]$");
    private static final String UNOWNED = "JDK, JVM and kernel";

    /** Samples per key, in the order first seen; sorted when printed. */
    record Counts(Map<String, Long> byKey, long total) {
        List<Map.Entry<String, Long>> largestFirst() {
            List<Map.Entry<String, Long>> entries = new ArrayList<>(byKey.entrySet());
            entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            return entries;
        }
    }

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProfileSummary <profile.collapsed> [thread-name-prefix…]");
            System.exit(2);
        }
        Path profile = Path.of(args[0]);
        if (!Files.isReadable(profile)) {
            System.err.println("ProfileSummary: cannot read " + profile + " (an async-profiler profile in collapsed form)");
            System.exit(2);
        }
        List<String> lines;
        try (Stream<String> stream = Files.lines(profile)) {
            lines = stream.toList();
        }
        List<String> prefixes = List.of(args).subList(1, args.length);
        print(System.out, "CPU samples per thread kind", byThreadKind(lines), 15);
        if (!prefixes.isEmpty()) {
            print(System.out, "owner of the CPU on threads " + String.join(", ", prefixes), byOwner(lines, prefixes), 25);
        }
    }

    /** Samples per thread, digits in the name replaced by N so a pool's threads count together. */
    static Counts byThreadKind(List<String> lines) {
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        for (String line : lines) {
            Sample sample = Sample.parse(line);
            if (sample != null) {
                counts.merge(sample.thread().replaceAll("\\d+", "N"), sample.count(), Long::sum);
                total += sample.count();
            }
        }
        return new Counts(counts, total);
    }

    /** Samples of threads whose name starts with one of the prefixes, per owning library or module. */
    static Counts byOwner(List<String> lines, List<String> threadPrefixes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        for (String line : lines) {
            Sample sample = Sample.parse(line);
            if (sample == null || threadPrefixes.stream().noneMatch(sample.thread()::startsWith)) {
                continue;
            }
            counts.merge(owner(sample.frames()), sample.count(), Long::sum);
            total += sample.count();
        }
        return new Counts(counts, total);
    }

    static String owner(List<String> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            Matcher owner = OWNER.matcher(frames.get(i));
            if (owner.find()) {
                return owner.group(1);
            }
        }
        return UNOWNED;
    }

    private static void print(PrintStream out, String title, Counts counts, int rows) {
        out.printf("%n%s (%,d samples)%n", title, counts.total());
        for (Map.Entry<String, Long> entry : counts.largestFirst().stream().limit(rows).toList()) {
            out.printf("%10d %6.1f %%  %s%n", entry.getValue(), 100.0 * entry.getValue() / counts.total(),
                    entry.getKey());
        }
    }

    /** One line of a collapsed profile: the thread, its frames outermost first, and how many samples. */
    record Sample(String thread, List<String> frames, long count) {

        static Sample parse(String line) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                return null;
            }
            long count;
            try {
                count = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                return null;
            }
            String[] frames = line.substring(0, space).split(";");
            Matcher thread = THREAD.matcher(frames[0]);
            if (!thread.matches()) {
                return null;
            }
            return new Sample(thread.group(1), List.of(frames).subList(1, frames.length), count);
        }
    }
}
