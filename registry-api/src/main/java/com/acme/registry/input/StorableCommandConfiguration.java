package com.acme.registry.input;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorableCommandConfiguration {

    @Bean
    SmartInitializingSingleton storableTextOnCommands(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new StorableCommandInterceptor());
    }
}
