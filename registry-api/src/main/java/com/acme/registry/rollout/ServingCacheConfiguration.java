package com.acme.registry.rollout;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ServingCacheConfiguration {

    @Bean
    ConfigurerModule servingChangesReachTheCache(ServingStateCache cache) {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(ServingProjection.GROUP,
                c -> new ServingChangeInterceptor(cache));
    }
}
