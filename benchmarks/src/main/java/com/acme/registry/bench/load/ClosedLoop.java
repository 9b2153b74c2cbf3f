package com.acme.registry.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Closed-loop load: each of N workers sends its next request as soon as the previous one answered. Measures the
 * throughput N clients get (the saturation rate when N is large enough): the answers that arrive within the
 * measurement window, per second of it, each timed from its sending (which may have been in the warm-up, when a request
 * takes longer than the warm-up). Each worker's last request, answered after the window, is not counted.
 */
public final class ClosedLoop {

    public record Settings(int workers, Duration warmup, Duration duration) {
        public Settings {
            if (workers < 1 || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("workers and duration must be positive");
            }
        }
    }

    private ClosedLoop() {
    }

    public static LoadResult run(Settings settings, IntFunction<Worker> newWorker) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(settings.workers());
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
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
                    long end = window[1];
                    long sent;
                    while ((sent = System.nanoTime()) < end) {
                        boolean ok;
                        String failure = null;
                        try {
                            worker.call(sequence.getAndIncrement());
                            ok = true;
                        } catch (Exception e) {
                            ok = false;
                            failure = String.valueOf(e.getMessage());
                        }
                        long answered = System.nanoTime();
                        if (answered >= measureFrom && answered <= end) {
                            if (ok) {
                                latencies.recordNanos(answered - sent);
                                completed.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, failure);
                            }
                        }
                    }
                } catch (Exception e) {
                    firstError.compareAndSet(null, "worker failed: " + e);
                    ready.countDown();
                }
            }, "closed-loop-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        window[0] = start + settings.warmup().toNanos();
        window[1] = window[0] + settings.duration().toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        Latencies all = new Latencies();
        perWorker.forEach(all::add);
        return new LoadResult(all, completed.get(), errors.get(), 0, settings.duration().toNanos() / 1e9,
                firstError.get());
    }
}
