package com.acme.registry.bench.load;

/**
 * What one load run measured, over its measurement window only (warm-up excluded).
 *
 * @param latencies  latency of every completed measured request; for an open loop measured from the time the
 *                   request was scheduled, for a closed loop from the time it was sent
 * @param completed  measured requests that got an answer the caller accepted
 * @param errors     measured requests that failed (an exception, or an answer the caller refused)
 * @param unfinished open loop: scheduled measured requests still waiting when the drain limit passed (they are in
 *                   {@code latencies} with the time they had waited, a lower bound); always 0 for a closed loop
 * @param seconds    the time the measured requests took to be answered: the window, or for an open loop that fell
 *                   behind, from the window's start to the last measured answer
 * @param firstError the first failure's message, or null
 */
public record LoadResult(Latencies latencies, long completed, long errors, long unfinished, double seconds,
                         String firstError) {

    /** Answers per second; for an open loop below the offered rate when the server could not keep up. */
    public double perSecond() {
        return completed / seconds;
    }

    public String describe() {
        return String.format("%d ok, %d errors%s, %.0f/s over %.1f s, %s", completed, errors,
                unfinished == 0 ? "" : ", " + unfinished + " unfinished", perSecond(), seconds, latencies.summary())
                + (firstError == null ? "" : " (first error: " + firstError + ")");
    }
}
