package com.acme.registry.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Records, after its transaction commits, the position of every event a processing group handled: for a batch of
 * events (one transaction), the position of its last event, whose token includes every earlier one of the batch.
 */
class PositionTrackingInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String processingGroup;
    private final ProjectionPositions positions;

    PositionTrackingInterceptor(String processingGroup, ProjectionPositions positions) {
        this.processingGroup = processingGroup;
        this.positions = positions;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage() instanceof TrackedEventMessage<?> tracked
                && (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage())) {
            unitOfWork.afterCommit(u -> positions.advance(processingGroup, tracked.trackingToken()));
        }
        return chain.proceed();
    }
}
