package com.acme.registry.catalog;

import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelRetired;
import com.acme.registry.model.ModelStatus;
import com.acme.registry.model.ModelVersionArchived;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.model.VersionEvidence;
import com.acme.registry.model.VersionStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import com.acme.registry.axon.ProjectionPositions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/**
 * Projects model events into the catalog tables. Every handler tolerates the same event twice (inserts
 * do nothing on conflict, updates set absolute values), so a replay after a crash changes nothing.
 */
@Component
@ProcessingGroup(CatalogProjection.GROUP)
public class CatalogProjection {

    public static final String GROUP = "catalog";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ProjectionPositions positions;

    @Autowired
    public CatalogProjection(JdbcTemplate jdbc, JsonMapper json, ProjectionPositions positions) {
        this.jdbc = jdbc;
        this.json = json;
        this.positions = positions;
    }

    public CatalogProjection(JdbcTemplate jdbc, JsonMapper json) {
        this(jdbc, json, new ProjectionPositions());
    }

    @EventHandler
    public void on(ModelRegistered event, @org.axonframework.eventhandling.Timestamp Instant at) {
        var model = event.model();
        jdbc.update("""
                INSERT INTO catalog_model (name, description, owner_team, risk_tier, intended_use, use_restrictions,
                                           tags, status, registered_by, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (name) DO NOTHING""",
                event.modelName(), model.description(), model.ownerTeam(), model.riskTier().name(),
                model.intendedUse(), model.useRestrictions(), toJson(model.tags()), ModelStatus.ACTIVE.name(),
                event.registeredBy(), Timestamp.from(at));
    }

    @EventHandler
    public void on(ModelVersionRegistered event, @org.axonframework.eventhandling.Timestamp Instant at) {
        VersionEvidence e = event.evidence();
        jdbc.update("""
                INSERT INTO catalog_version (model_name, version, artifact_uri, artifact_digest, artifact_size_bytes,
                        framework, signature, metrics, params, training_run, source, datasets, features,
                        parent_version, description, tags, status, registered_by, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb,
                        ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (model_name, version) DO NOTHING""",
                event.modelName(), event.version(), e.artifactUri(), e.artifactDigest(), e.artifactSizeBytes(),
                e.framework(), toJson(e.signature()), toJson(e.metrics()), toJson(e.params()),
                toJson(e.trainingRun()), toJson(e.source()), toJson(e.datasets()), toJson(e.features()),
                e.parentVersion(), e.description(), toJson(e.tags()), VersionStatus.REGISTERED.name(),
                event.registeredBy(), Timestamp.from(at));
        for (Map.Entry<String, Double> metric : e.metrics().entrySet()) {
            jdbc.update("""
                    INSERT INTO catalog_version_metric (model_name, version, metric, value) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", event.modelName(), event.version(), metric.getKey(), metric.getValue());
        }
        jdbc.update("""
                UPDATE catalog_model SET latest_version = GREATEST(latest_version, ?),
                       version_count = (SELECT count(*) FROM catalog_version WHERE model_name = ?)
                WHERE name = ?""", event.version(), event.modelName(), event.modelName());
    }

    @EventHandler
    public void on(ModelRetired event, @org.axonframework.eventhandling.Timestamp Instant at,
                   @MetaDataValue("actor") String actor) {
        jdbc.update("""
                UPDATE catalog_model SET status = ?, retired_at = ?, retired_by = ?, retirement_reason = ?
                WHERE name = ?""", ModelStatus.RETIRED.name(), Timestamp.from(at), actor, event.reason(),
                event.modelName());
    }

    @EventHandler
    public void on(ModelVersionArchived event, @org.axonframework.eventhandling.Timestamp Instant at,
                   @MetaDataValue("actor") String actor) {
        jdbc.update("""
                UPDATE catalog_version SET status = ?, archived_at = ?, archived_by = ?, archive_reason = ?
                WHERE model_name = ? AND version = ?""", VersionStatus.ARCHIVED.name(), Timestamp.from(at), actor,
                event.reason(), event.modelName(), event.version());
    }

    /** Nothing to project, but handling it moves this group's position on, which read-your-writes waits for. */
    @EventHandler
    public void on(Object anyOtherEvent) {
        // deliberately empty
    }

    @ResetHandler
    public void reset() {
        jdbc.update("TRUNCATE catalog_version_metric, catalog_version, catalog_model");
        positions.reset(GROUP); // writes during the replay wait for their own events again
    }

    private String toJson(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }
}
