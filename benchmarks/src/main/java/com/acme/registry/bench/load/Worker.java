package com.acme.registry.bench.load;

/** One client of a load run, used by one thread only (it may hold a connection of its own). */
public interface Worker extends AutoCloseable {

    /**
     * Sends request number {@code sequence} (0, 1, 2… per run, over all workers) and waits for its answer.
     * Throws when the answer is not the expected one: the request then counts as an error.
     */
    void call(long sequence) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
