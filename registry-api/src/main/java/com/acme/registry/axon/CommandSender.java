package com.acme.registry.axon;

import com.acme.registry.axon.AxonProcessingConfiguration;
import com.acme.registry.axon.EventStoreHead;
import com.acme.registry.axon.ProjectionPositions;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends a command and waits until the read models have committed its events, so that the GET of
 * what a write answered finds it (read-your-writes). When they do not show it within the wait (or a projection is
 * failing, or the wait's own query fails), the write is still done: {@link WriteNotYetVisibleException}, answered 202.
 */
@Component
public class CommandSender {

    private static final Logger log = LoggerFactory.getLogger(CommandSender.class);

    private final CommandGateway commands;
    private final EventStoreHead eventStore;
    private final ProjectionPositions positions;
    private final long waitMillis;

    public CommandSender(CommandGateway commands, EventStoreHead eventStore, ProjectionPositions positions,
                         @Value("${registry.read-your-writes.wait:10s}") Duration wait) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.positions = positions;
        this.waitMillis = wait.toMillis();
    }

    public <R> R send(String modelName, Object command) {
        return send(modelName, command, Map.of());
    }

    /**
     * @throws WriteNotYetVisibleException the command's events are stored, but the read models do not show them yet
     */
    public <R> R send(String modelName, Object command, Map<String, ?> metaData) {
        R result = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metaData)));
        CommittedWrite.remember(modelName, result);
        try {
            awaitReadModels(modelName);
        } catch (WriteNotYetVisibleException notYet) {
            throw notYet.withResult(result);
        }
        return result;
    }

    /**
     * Waits until every read model shows every event of the model stored so far.
     *
     * @throws WriteNotYetVisibleException if one does not within the wait, is failing, or the position cannot be read
     */
    public void awaitReadModels(String modelName) {
        long position;
        try {
            position = eventStore.lastPositionOf(modelName);
        } catch (RuntimeException e) {
            log.warn("Could not read the position of {}'s events: {}", modelName, e.toString());
            throw new WriteNotYetVisibleException(modelName, null, null, AxonProcessingConfiguration.TRACKED_GROUPS,
                    "the position of the write's events could not be read", e);
        }
        long deadline = System.currentTimeMillis() + waitMillis;
        for (String group : AxonProcessingConfiguration.TRACKED_GROUPS) {
            long left = Math.max(0, deadline - System.currentTimeMillis());
            if (!positions.awaitPosition(group, position, left)) {
                String reason = positions.failure(group)
                        .map(f -> "projection " + group + " is failing on event " + f.firstPosition())
                        .orElse("projection " + group + " has not reached position " + position + " after "
                                + waitMillis + " ms");
                log.warn("Write to {} answered as accepted: {}", modelName, reason);
                List<String> waitingFor = AxonProcessingConfiguration.TRACKED_GROUPS.stream()
                        .filter(g -> !positions.hasSeen(g, position)).toList();
                throw new WriteNotYetVisibleException(modelName, position, null,
                        waitingFor.isEmpty() ? List.of(group) : waitingFor, reason, null);
            }
        }
    }
}
