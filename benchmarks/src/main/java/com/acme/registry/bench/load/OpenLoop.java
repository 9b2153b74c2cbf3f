package com.acme.registry.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Open-loop load: request {@code i} is scheduled at {@code start + i / rate}, whatever happened to the requests before
 * it, and its latency is measured from that scheduled time, not from when a worker got round to sending it. A stall
 * of the server therefore shows in the latency of every request scheduled during the stall (no coordinated omission).
 * A dispatcher thread puts the scheduled times on a queue at their time; a fixed pool of workers (one connection
 * each) takes them; a request waiting for a free worker is waiting, and that wait is part of its latency.
 */
public final class OpenLoop {

    /**
     * @param ratePerSecond requests scheduled per second
     * @param warmup        scheduled and sent at the same rate, not measured
     * @param duration      the measurement window
     * @param workers       concurrent connections
     * @param drainLimit    how long after the window the workers may still work off scheduled requests
     */
    public record Settings(double ratePerSecond, Duration warmup, Duration duration, int workers, Duration drainLimit) {
        public Settings {
            if (ratePerSecond <= 0 || workers < 1 || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("rate, workers and duration must be positive");
            }
        }
    }

    private OpenLoop() {
    }

    /** Offset of request {@code i}'s scheduled time from the start, in nanoseconds. */
    public static long scheduledOffsetNanos(long i, double ratePerSecond) {
        return Math.round(i * 1e9 / ratePerSecond);
    }

    public static LoadResult run(Settings settings, IntFunction<Worker> newWorker) throws InterruptedException {
        LinkedBlockingQueue<Long> scheduled = new LinkedBlockingQueue<>();
        AtomicBoolean dispatching = new AtomicBoolean(true);
        AtomicLong sequence = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong(Long.MIN_VALUE);
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(settings.workers());
        long[] window = new long[3]; // measureFrom, end, deadline; written before the workers read them
        CountDownLatch go = new CountDownLatch(1);
        List<Latencies> perWorker = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < settings.workers(); w++) {
            Latencies latencies = new Latencies();
            perWorker.add(latencies);
            int index = w;
            Thread thread = new Thread(() -> {
                try (Worker worker = newWorker.apply(index)) {
                    ready.countDown();
                    go.await();
                    long measureFrom = window[0];
                    long deadline = window[2];
                    while (true) {
                        Long at = scheduled.poll(5, TimeUnit.MILLISECONDS);
                        if (at == null) {
                            if (!dispatching.get() || System.nanoTime() > deadline) {
                                return;
                            }
                            continue;
                        }
                        if (System.nanoTime() > deadline) {
                            scheduled.add(at); // left for the unfinished count
                            return;
                        }
                        boolean measured = at >= measureFrom;
                        try {
                            worker.call(sequence.getAndIncrement());
                            if (measured) {
                                long answered = System.nanoTime();
                                latencies.recordNanos(answered - at);
                                completed.incrementAndGet();
                                lastAnswer.accumulateAndGet(answered, Math::max);
                            }
                        } catch (Exception e) {
                            if (measured) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, String.valueOf(e.getMessage()));
                            }
                        }
                    }
                } catch (Exception e) {
                    firstError.compareAndSet(null, "worker failed: " + e);
                    ready.countDown();
                }
            }, "open-loop-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measureFrom = start + settings.warmup().toNanos();
        long end = measureFrom + settings.duration().toNanos();
        long deadline = end + settings.drainLimit().toNanos();
        window[0] = measureFrom;
        window[1] = end;
        window[2] = deadline;
        go.countDown();
        for (long i = 0; ; i++) {
            long at = start + scheduledOffsetNanos(i, settings.ratePerSecond());
            if (at >= end) {
                break;
            }
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            scheduled.add(at);
        }
        dispatching.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        Latencies all = new Latencies();
        perWorker.forEach(all::add);
        long unfinished = 0;
        for (Long at : scheduled) {
            if (at >= measureFrom) {
                all.recordNanos(deadline - at);
                unfinished++;
            }
        }
        long busy = unfinished > 0 ? deadline - measureFrom : Math.max(end, lastAnswer.get()) - measureFrom;
        return new LoadResult(all, completed.get(), errors.get(), unfinished, busy / 1e9, firstError.get());
    }
}
