package com.acme.registry.catalog;

import com.acme.registry.axon.AxonProcessingConfiguration;
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
 * Sends a command and waits until the read models have committed its events, so that the GET of
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
        awaitReadModels(modelName);
        return result;
    }

    /** Waits until every read model shows every event of the model stored so far. */
    public void awaitReadModels(String modelName) {
        long position = eventStore.lastPositionOf(modelName);
        long deadline = System.currentTimeMillis() + PROJECTION_WAIT_MILLIS;
        for (String group : AxonProcessingConfiguration.TRACKED_GROUPS) {
            long left = Math.max(0, deadline - System.currentTimeMillis());
            if (!positions.awaitPosition(group, position, left)) {
                log.warn("Projection {} has not reached position {} after {} ms", group, position,
                        PROJECTION_WAIT_MILLIS);
            }
        }
    }
}
