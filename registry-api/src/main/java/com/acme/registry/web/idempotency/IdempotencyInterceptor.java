package com.acme.registry.web.idempotency;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Records a command's Idempotency-Key in the same transaction as its events: either both are stored or
 * neither. A concurrent request with the same key fails on the key's primary key and is rolled back whole.
 */
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String KEY = "idempotencyKey";
    public static final String REQUEST_HASH = "idempotencyRequestHash";
    public static final String PRINCIPAL = "idempotencyPrincipal";

    private final IdempotencyKeys keys;

    public IdempotencyInterceptor(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        var metaData = unitOfWork.getMessage().getMetaData();
        if (metaData.get(KEY) instanceof String key) {
            keys.record((String) metaData.get(PRINCIPAL), key, (String) metaData.get(REQUEST_HASH),
                    String.valueOf(result));
        }
        return result;
    }
}
