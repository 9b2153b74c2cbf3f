package com.acme.registry.axon;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads each processing group's committed token from the token store when the application starts, before it takes
 * requests: without it a group's position is unknown until it projects a new event, and the first write or
 * Idempotency-Key replay after a restart waited out the whole read-your-writes wait.
 */
class ProjectionPositionsAtStart implements SmartInitializingSingleton {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ProjectionPositions positions;

    ProjectionPositionsAtStart(JdbcTemplate jdbc, Serializer serializer, ProjectionPositions positions) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.positions = positions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String group : AxonProcessingConfiguration.PROCESSING_GROUPS) {
            jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ? AND token IS NOT NULL",
                    rs -> {
                        TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(
                                rs.getBytes(1), byte[].class, rs.getString(2), null));
                        positions.advance(group, token);
                    }, group);
        }
    }
}
