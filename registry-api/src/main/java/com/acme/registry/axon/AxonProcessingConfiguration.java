package com.acme.registry.axon;

import com.acme.registry.model.RegisteredModel;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** How events are processed: propagating errors, request context on every event, tracked positions. */
@Configuration(proxyBeanMethods = false)
public class AxonProcessingConfiguration {

    /** Processing groups whose committed position is tracked for read-your-writes. */
    public static final List<String> TRACKED_GROUPS = List.of("catalog", "governance", "serving", "audit");

    @Bean
    public ProjectionPositions projectionPositions() {
        return new ProjectionPositions();
    }

    @Bean
    public CorrelationDataProvider requestContextCorrelation() {
        return new SimpleCorrelationDataProvider(RequestContextDispatchInterceptor.ACTOR,
                RequestContextDispatchInterceptor.CORRELATION_ID, RequestContextDispatchInterceptor.REQUESTED_AT);
    }

    /** The domain module knows no Spring, so its aggregates are registered here. */
    @Bean
    public ConfigurerModule aggregates() {
        return configurer -> configurer.configureAggregate(RegisteredModel.class);
    }

    @Bean
    public ConfigurerModule eventProcessingDefaults(ProjectionPositions positions) {
        return configurer -> {
            configurer.eventProcessing()
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                    .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance());
            for (String group : TRACKED_GROUPS) {
                configurer.eventProcessing().registerHandlerInterceptor(group,
                        c -> new PositionTrackingInterceptor(group, positions));
            }
        };
    }

    @Bean
    public SmartInitializingSingleton requestContextOnCommands(CommandBus commandBus, JdbcTemplate jdbc) {
        return () -> {
            commandBus.registerDispatchInterceptor(new RequestContextDispatchInterceptor());
            commandBus.registerHandlerInterceptor(new SerialAppendInterceptor(jdbc));
        };
    }
}
