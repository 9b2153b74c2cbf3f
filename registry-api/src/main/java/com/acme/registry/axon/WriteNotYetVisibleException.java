package com.acme.registry.axon;

import java.util.List;

/**
 * A write whose events are committed but which the read models do not show yet: the projection lags past the
 * read-your-writes wait, is failing on an earlier event, or its position could not be checked. Not a failure: it is
 * answered {@code 202 Accepted} with the resource's location, never 4xx/5xx (docs/reliability-faults.md).
 *
 * @param position the event-store position the read models must reach to show the write; null if it could not be read
 * @param result   what the command answered (e.g. the new version's number), null if nothing
 * @param waitingFor the processing groups that do not show it yet
 */
public class WriteNotYetVisibleException extends RuntimeException {

    private final String modelName;
    private final Long position;
    private final transient Object result;
    private final List<String> waitingFor;

    public WriteNotYetVisibleException(String modelName, Long position, Object result, List<String> waitingFor,
                                       String reason, Throwable cause) {
        super(reason, cause, false, false); // an answer, not a fault: no stack trace to take on every write
        this.modelName = modelName;
        this.position = position;
        this.result = result;
        this.waitingFor = List.copyOf(waitingFor);
    }

    /** The same, with what the command answered (an Idempotency-Key replay knows it from the key's record). */
    public WriteNotYetVisibleException withResult(Object result) {
        return new WriteNotYetVisibleException(modelName, position, result, waitingFor, getMessage(), getCause());
    }

    public String modelName() {
        return modelName;
    }

    public Long position() {
        return position;
    }

    public Object result() {
        return result;
    }

    public List<String> waitingFor() {
        return waitingFor;
    }
}
