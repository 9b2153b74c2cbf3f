package com.acme.registry.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * Axon's storage, declared by hand: under Spring Boot 4, Axon 4.13's JDBC auto-configuration does not fire
 * and its transaction manager falls back to a no-op one. StartupWiringTest asserts what is really in use.
 */
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {

    /**
     * Events the shared event-store cache keeps for the tracking processors (Axon's default), and the most one blocking
     * read of the store returns ({@link SerialAppendStorageEngine}): what the cache holds stays near this many events.
     */
    static final int CACHED_EVENTS = 10_000;

    /** Axon's own Jackson 2 mapper; Spring MVC uses Jackson 3. */
    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .eventIdentifierColumn("event_identifier")
                .metaDataColumn("meta_data")
                .payloadColumn("payload")
                .payloadRevisionColumn("payload_revision")
                .payloadTypeColumn("payload_type")
                .timestampColumn("time_stamp")
                .build();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 org.axonframework.config.Configuration axonConfiguration) {
        return new SerialAppendStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(new EventUpcasterChain(new RenamedEventTypes(), axonConfiguration.upcasterChain()))
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .persistenceExceptionResolver(new PostgresDuplicateKeyResolver())
                .schema(eventSchema)
                .batchSize(500), CACHED_EVENTS);
    }

    /** Declared for the same reason: Axon's conditional EventStore bean is evaluated before our engine exists. */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine eventStorageEngine) {
        return EmbeddedEventStore.builder().storageEngine(eventStorageEngine).cachedEvents(CACHED_EVENTS).build();
    }

    /**
     * This instance's name on its processors' token claims, unique per start. Axon's default (pid@host) is shared by two
     * registries in one JVM, or by two containers with the same host name and pid 1, which would then both process
     * every event. The price: after a crash, the next start waits for the old claims to time out (10 s).
     */
    @Bean
    public TokenOwner tokenOwner() {
        return new TokenOwner(ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The name this instance claims processing tokens under. */
    public record TokenOwner(String nodeId) {
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenOwner owner) {
        return tokenStore(connectionProvider, serializer, "token_entry", owner);
    }

    /** A token store on {@code table} (e.g. schema-qualified, for a processor whose transactions change the search path). */
    public static TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, String table,
                                        TokenOwner owner) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .nodeId(owner.nodeId())
                .schema(TokenSchema.builder()
                        .setTokenTable(table)
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp")
                        .setOwnerColumn("owner")
                        .build())
                .build();
    }
}
