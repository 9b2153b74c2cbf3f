package com.acme.registry.web.idempotency;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    SmartInitializingSingleton idempotencyOnCommands(CommandBus commandBus, IdempotencyKeys keys) {
        return () -> commandBus.registerHandlerInterceptor(new IdempotencyInterceptor(keys));
    }
}
