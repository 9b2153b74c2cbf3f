package com.acme.registry.security;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every command sent on this registry's bus carries its sender, taken from the authenticated principal. */
@Configuration(proxyBeanMethods = false)
class CommandActorConfiguration {

    @Bean
    SmartInitializingSingleton requestContextOnCommands(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new RequestContextDispatchInterceptor());
    }
}
