package com.acme.registry.catalog;

import com.acme.registry.axon.EventStoreHead;
import com.acme.registry.axon.ProjectionPositions;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Sends a command and waits until the catalog projection has committed its events, so that the GET of
 * what a write answered finds it (read-your-writes).
 */
@Component
public class CommandSender {

    private static final Logger log = LoggerFactory.getLogger(CommandSender.class);
    private static final long PROJECTION_WAIT_MILLIS = 10_000;

    private final CommandGateway commands;
    private final EventStoreHead eventStore;
    private final ProjectionPositions positions;

    public CommandSender(CommandGateway commands, EventStoreHead eventStore, ProjectionPositions positions) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.positions = positions;
    }

    public <R> R send(String modelName, Object command) {
        return send(modelName, command, Map.of());
    }

    public <R> R send(String modelName, Object command, Map<String, ?> metaData) {
        R result = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metaData)));
        awaitCatalog(modelName);
        return result;
    }

    /** Waits until the catalog shows every event of the model stored so far. */
    public void awaitCatalog(String modelName) {
        long position = eventStore.lastPositionOf(modelName);
        if (!positions.awaitPosition(CatalogProjection.GROUP, position, PROJECTION_WAIT_MILLIS)) {
            log.warn("Catalog projection has not reached position {} after {} ms", position, PROJECTION_WAIT_MILLIS);
        }
    }
}
