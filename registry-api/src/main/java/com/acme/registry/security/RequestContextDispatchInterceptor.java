package com.acme.registry.security;

import com.acme.registry.identity.ApiTokenAuthentication;
import com.acme.registry.web.CorrelationIdFilter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static com.acme.registry.axon.CommandMetadata.ACTING_FOR;
import static com.acme.registry.axon.CommandMetadata.ACTOR;
import static com.acme.registry.axon.CommandMetadata.CORRELATION_ID;
import static com.acme.registry.axon.CommandMetadata.REQUESTED_AT;

/**
 * Stamps every command with who sent it (the authenticated principal; for an API token also the person it acts for),
 * the request's correlation id and the UTC time; the correlation data providers copy these onto every event the command produces.
 */
class RequestContextDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> context = new HashMap<>();
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.isAuthenticated()) {
                context.put(ACTOR, authentication.getName());
                if (authentication instanceof ApiTokenAuthentication token) {
                    context.put(ACTING_FOR, token.owner());
                }
            } else if (!command.getMetaData().containsKey(ACTOR)) {
                context.put(ACTOR, "system");
            }
            String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
            if (correlationId != null) {
                context.put(CORRELATION_ID, correlationId);
            }
            context.put(REQUESTED_AT, Instant.now().toString());
            return command.andMetaData(context);
        };
    }
}
