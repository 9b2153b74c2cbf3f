package com.acme.registry.rollout;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the serving-state cache when the serving projection has committed a change. It listens to the commit of
 * the projection's own database transaction, which happens before Axon's after-commit phase publishes the
 * projection's position, so a caller waiting for its write (read-your-writes) never reads the old state.
 */
class ServingChangeInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final ServingStateCache cache;

    ServingChangeInterceptor(ServingStateCache cache) {
        this.cache = cache;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (ServingStateCache.STATE_CHANGES.contains(unitOfWork.getMessage().getPayloadType())) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        cache.changed();
                    }
                });
            } else {
                unitOfWork.afterCommit(u -> cache.changed());
            }
        }
        return chain.proceed();
    }
}
