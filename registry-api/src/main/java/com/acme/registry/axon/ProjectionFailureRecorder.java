package com.acme.registry.axon;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LongSummaryStatistics;

/**
 * Axon's propagating error handling (a processor retries the batch it cannot handle, never skips it), which also
 * records each failure in {@link ProjectionPositions}: the positions of the events it failed on, the error, since
 * when. A handler that throws names its event exactly; a failure at commit names the events of the failing statement
 * ({@link ProjectionWriteException}) or else the whole batch.
 */
class ProjectionFailureRecorder implements ErrorHandler, ListenerInvocationErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ProjectionFailureRecorder.class);

    private final String processingGroup;
    private final ProjectionPositions positions;

    ProjectionFailureRecorder(String processingGroup, ProjectionPositions positions) {
        this.processingGroup = processingGroup;
        this.positions = positions;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) throws Exception {
        if (event instanceof TrackedEventMessage<?> tracked && !(exception instanceof ProjectionWriteException)) {
            long position = tracked.trackingToken().position().orElse(-1L);
            throw new ProjectionWriteException(position, position, exception);
        }
        throw exception;
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        Throwable error = context.error();
        ProjectionWriteException located = locate(error);
        long first;
        long last;
        if (located != null) {
            first = located.firstPosition();
            last = located.lastPosition();
        } else {
            LongSummaryStatistics batch = context.failedEvents().stream()
                    .filter(e -> e instanceof TrackedEventMessage<?>)
                    .mapToLong(e -> ((TrackedEventMessage<?>) e).trackingToken().position().orElse(-1L))
                    .summaryStatistics();
            first = batch.getCount() == 0 ? -1 : batch.getMin();
            last = batch.getCount() == 0 ? -1 : batch.getMax();
        }
        positions.failed(processingGroup, context.eventProcessor(), first, last, error);
        log.error("Projection {} failed on event(s) {}..{}; it retries them: {}", processingGroup, first, last,
                ProjectionPositions.describe(error));
        PropagatingErrorHandler.instance().handleError(context);
    }

    private static ProjectionWriteException locate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProjectionWriteException located) {
                return located;
            }
        }
        return null;
    }
}
