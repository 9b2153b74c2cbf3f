package com.acme.registry.model;

import com.acme.registry.axon.AxonProcessingConfiguration;
import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelRetired;
import com.acme.registry.model.ModelStatus;
import com.acme.registry.model.ModelVersionArchived;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.model.VersionEvidence;
import com.acme.registry.model.VersionStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import com.acme.registry.axon.ProjectionBatch;
import com.acme.registry.axon.ProjectionPositions;
import com.acme.registry.axon.ReplacedText;
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
 * <p>
 * The statements of a batch of events go to the database together when the batch commits ({@link ProjectionBatch}),
 * in phases that give the rows event order would: new models, new versions, their metrics, then each touched model's
 * latest version and count once, then retirements and archivals in event order.
 */
@Component
@ProcessingGroup(CatalogProjection.GROUP)
public class CatalogProjection {

    public static final String GROUP = AxonProcessingConfiguration.READ_MODELS;

    /** Phases of a batch's statements (see the class comment). */
    static final int NEW_MODELS = 0;
    static final int NEW_VERSIONS = 1;
    static final int NEW_METRICS = 2;
    static final int MODEL_TOTALS = 3;
    static final int CHANGES = 4;

    private final JdbcTemplate jdbc;
    private final ProjectionBatch batch;
    private final JsonMapper json;
    private final ProjectionPositions positions;

    @Autowired
    public CatalogProjection(JdbcTemplate jdbc, JsonMapper json, ProjectionPositions positions) {
        this.jdbc = jdbc;
        this.batch = new ProjectionBatch(jdbc, "catalog");
        this.json = json;
        this.positions = positions;
    }

    public CatalogProjection(JdbcTemplate jdbc, JsonMapper json) {
        this(jdbc, json, new ProjectionPositions());
    }

    @EventHandler
    public void on(ModelRegistered event, @org.axonframework.eventhandling.Timestamp Instant at) {
        var model = event.model();
        batch.update(NEW_MODELS, """
                INSERT INTO catalog_model (name, description, owner_team, risk_tier, intended_use, use_restrictions,
                                           tags, status, registered_by, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (name) DO NOTHING""",
                event.modelName(), model.description(), model.ownerTeam(), model.riskTier().name(),
                model.intendedUse(), model.useRestrictions(), toJson(model.tags()), ModelStatus.ACTIVE.name(),
                event.registeredBy(), Timestamp.from(at));
    }

    private static final ProjectionBatch.Rows VERSIONS = ProjectionBatch.Rows.of("""
            INSERT INTO catalog_version (model_name, version, artifact_uri, artifact_digest, artifact_size_bytes,
                    framework, signature, metrics, params, training_run, source, datasets, features,
                    parent_version, description, tags, status, registered_by, registered_at)
            SELECT model_name, version, artifact_uri, artifact_digest, artifact_size_bytes, framework, signature::jsonb,
                   metrics::jsonb, params::jsonb, training_run::jsonb, source::jsonb, datasets::jsonb, features::jsonb,
                   parent_version, description, tags::jsonb, status, registered_by, registered_at::timestamptz
            FROM unnest(?::text[], ?::int4[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[])
                 AS v(model_name, version, artifact_uri, artifact_digest, artifact_size_bytes, framework, signature,
                      metrics, params, training_run, source, datasets, features, parent_version, description, tags,
                      status, registered_by, registered_at)
            ON CONFLICT (model_name, version) DO NOTHING""",
            "text", "int4", "text", "text", "int8", "text", "text", "text", "text", "text", "text", "text", "text",
            "int4", "text", "text", "text", "text", "text");

    private static final ProjectionBatch.Rows METRICS = ProjectionBatch.Rows.of("""
            INSERT INTO catalog_version_metric (model_name, version, metric, value)
            SELECT * FROM unnest(?::text[], ?::int4[], ?::text[], ?::float8[])
            ON CONFLICT DO NOTHING""", "text", "int4", "text", "float8");

    @EventHandler
    public void on(ModelVersionRegistered event, @org.axonframework.eventhandling.Timestamp Instant at) {
        VersionEvidence e = event.evidence();
        batch.insert(NEW_VERSIONS, VERSIONS,
                event.modelName(), event.version(), e.artifactUri(), e.artifactDigest(), e.artifactSizeBytes(),
                e.framework(), toJson(e.signature()), toJson(e.metrics()), toJson(e.params()),
                toJson(e.trainingRun()), toJson(e.source()), toJson(e.datasets()), toJson(e.features()),
                e.parentVersion(), e.description(), toJson(e.tags()), VersionStatus.REGISTERED.name(),
                event.registeredBy(), at.toString());
        for (Map.Entry<String, Double> metric : e.metrics().entrySet()) {
            batch.insert(NEW_METRICS, METRICS, event.modelName(), event.version(), metric.getKey(), metric.getValue());
        }
        // once per model and batch, after all of the batch's versions: the highest version stored is this event's
        // or a later one of the same batch, exactly what GREATEST over the versions one by one gives
        batch.updateOnce(MODEL_TOTALS, event.modelName(), """
                UPDATE catalog_model SET latest_version = GREATEST(latest_version,
                           (SELECT coalesce(max(version), 0) FROM catalog_version WHERE model_name = ?)),
                       version_count = (SELECT count(*) FROM catalog_version WHERE model_name = ?)
                WHERE name = ?""", event.modelName(), event.modelName(), event.modelName());
    }

    @EventHandler
    public void on(ModelRetired event, @org.axonframework.eventhandling.Timestamp Instant at,
                   @MetaDataValue("actor") String actor) {
        batch.update(CHANGES, """
                UPDATE catalog_model SET status = ?, retired_at = ?, retired_by = ?, retirement_reason = ?
                WHERE name = ?""", ModelStatus.RETIRED.name(), Timestamp.from(at), actor, event.reason(),
                event.modelName());
    }

    @EventHandler
    public void on(ModelVersionArchived event, @org.axonframework.eventhandling.Timestamp Instant at,
                   @MetaDataValue("actor") String actor) {
        batch.update(CHANGES, """
                UPDATE catalog_version SET status = ?, archived_at = ?, archived_by = ?, archive_reason = ?
                WHERE model_name = ? AND version = ?""", VersionStatus.ARCHIVED.name(), Timestamp.from(at), actor,
                event.reason(), event.modelName(), event.version());
    }

    /**
     * Nothing to project, but handling it moves this group's position on, which read-your-writes waits for. Takes the
     * message, not the payload, so that an event this group ignores is never deserialised.
     */
    @EventHandler
    public void on(EventMessage<?> anyOtherEvent) {
        // deliberately empty
    }

    @ResetHandler
    public void reset() {
        jdbc.update("TRUNCATE catalog_version_metric, catalog_version, catalog_model");
        positions.reset(GROUP); // writes during the replay wait for their own events again
    }

    /** JSON for a jsonb column; storable, as {@link ProjectionBatch} makes every text value (NUL escapes too). */
    private String toJson(Object value) {
        return value == null ? null : ReplacedText.json(json.writeValueAsString(value));
    }
}
