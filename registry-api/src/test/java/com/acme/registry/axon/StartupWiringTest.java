package com.acme.registry.axon;

import com.acme.registry.support.IntegrationTest;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the four known wiring traps of Spring Boot 4 with Axon 4.13: a dependency upgrade must not silently
 * swap the JDBC storage engine, the JDBC token store or the Spring transaction manager for defaults.
 */
class StartupWiringTest extends IntegrationTest {

    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    EventStore eventStore;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager axonTransactionManager;
    @Autowired
    org.axonframework.config.Configuration axon;

    @Test
    void usesTheJdbcStorageEngineTokenStoreAndSpringTransactions() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
        assertThat(axon.eventStore()).isSameAs(eventStore);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(axon.getComponent(TransactionManager.class)).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void readModelsAuditAndTheFeedAreTrackingProcessorsWithTheirTokensInTheDatabase() {
        EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
        for (String group : AxonProcessingConfiguration.PROCESSING_GROUPS) {
            assertThat(processing.eventProcessor(group)).as(group).get().isInstanceOf(TrackingEventProcessor.class);
            Integer tokens = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                    Integer.class, group);
            assertThat(tokens).as(group).isEqualTo(1);
        }
        assertThat(processing.eventProcessors()).containsOnlyKeys(AxonProcessingConfiguration.PROCESSING_GROUPS);
    }

    @Test
    void eventsAreStoredInTheFlywayTablesAsBytea() {
        String payloadType = jdbc.queryForObject("""
                SELECT data_type FROM information_schema.columns
                WHERE table_name = 'domain_event_entry' AND column_name = 'payload'""", String.class);
        assertThat(payloadType).isEqualTo("bytea");
        Integer demoEvents = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);
        assertThat(demoEvents).isPositive();
    }
}
