package com.acme.registry.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Serialises command transactions with a transaction-scoped PostgreSQL lock, so events take their global index
 * in commit order and the event store never has gaps. Without it, concurrent commands on different models
 * left gaps that a tracking processor reading through the shared event-store cache could pass without handling
 * the late event (seen as audit records missing after a race test). Commands are short (milliseconds); the
 * cost is write concurrency, which a registry's write rate does not need.
 */
class SerialAppendInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final long APPEND_LOCK = 0x4556454e5453L; // "EVENTS"

    private final JdbcTemplate jdbc;

    SerialAppendInterceptor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        jdbc.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
        return chain.proceed();
    }
}
