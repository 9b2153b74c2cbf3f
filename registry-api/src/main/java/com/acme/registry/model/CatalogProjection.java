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
 * latest version and count once, then every change to rows that exist (retirements, archivals, tags, descriptions,
 * evidence completions, aliases) in event order. Every event of a model or version sets its {@code last_updated_at}
 * to the event's timestamp.
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
                                           tags, status, registered_by, registered_at, last_updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                ON CONFLICT (name) DO NOTHING""",
                event.modelName(), model.description(), model.ownerTeam(), model.riskTier().name(),
                model.intendedUse(), model.useRestrictions(), toJson(model.tags()), ModelStatus.ACTIVE.name(),
                event.registeredBy(), Timestamp.from(at), Timestamp.from(at));
    }

    private static final ProjectionBatch.Rows VERSIONS = ProjectionBatch.Rows.of("""
            INSERT INTO catalog_version (model_name, version, artifact_uri, artifact_digest, artifact_size_bytes,
                    framework, signature, metrics, params, training_run, source, datasets, features,
                    parent_version, description, tags, status, registered_by, registered_at, last_updated_at)
            SELECT model_name, version, artifact_uri, artifact_digest, artifact_size_bytes, framework, signature::jsonb,
                   metrics::jsonb, params::jsonb, training_run::jsonb, source::jsonb, datasets::jsonb, features::jsonb,
                   parent_version, description, tags::jsonb, status, registered_by, registered_at::timestamptz,
                   registered_at::timestamptz
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
                UPDATE catalog_model SET status = ?, retired_at = ?, retired_by = ?, retirement_reason = ?,
                       last_updated_at = ?
                WHERE name = ?""", ModelStatus.RETIRED.name(), Timestamp.from(at), actor, event.reason(),
                Timestamp.from(at), event.modelName());
    }

    @EventHandler
    public void on(ModelVersionArchived event, @org.axonframework.eventhandling.Timestamp Instant at,
                   @MetaDataValue("actor") String actor) {
        batch.update(CHANGES, """
                UPDATE catalog_version SET status = ?, archived_at = ?, archived_by = ?, archive_reason = ?,
                       last_updated_at = ?
                WHERE model_name = ? AND version = ?""", VersionStatus.ARCHIVED.name(), Timestamp.from(at), actor,
                event.reason(), Timestamp.from(at), event.modelName(), event.version());
    }

    @EventHandler
    public void on(ModelTagSet event, @org.axonframework.eventhandling.Timestamp Instant at) {
        batch.update(CHANGES, """
                UPDATE catalog_model SET tags = tags || jsonb_build_object(?::text, ?::text), last_updated_at = ?
                WHERE name = ?""", event.key(), event.value(), Timestamp.from(at), event.modelName());
    }

    @EventHandler
    public void on(ModelTagDeleted event, @org.axonframework.eventhandling.Timestamp Instant at) {
        batch.update(CHANGES, "UPDATE catalog_model SET tags = tags - ?::text, last_updated_at = ? WHERE name = ?",
                event.key(), Timestamp.from(at), event.modelName());
    }

    @EventHandler
    public void on(ModelDescriptionChanged event, @org.axonframework.eventhandling.Timestamp Instant at) {
        batch.update(CHANGES, "UPDATE catalog_model SET description = ?, last_updated_at = ? WHERE name = ?",
                event.description(), Timestamp.from(at), event.modelName());
    }

    @EventHandler
    public void on(VersionTagSet event, @org.axonframework.eventhandling.Timestamp Instant at) {
        batch.update(CHANGES, """
                UPDATE catalog_version SET tags = tags || jsonb_build_object(?::text, ?::text), last_updated_at = ?
                WHERE model_name = ? AND version = ?""", event.key(), event.value(), Timestamp.from(at),
                event.modelName(), event.version());
    }

    @EventHandler
    public void on(VersionTagDeleted event, @org.axonframework.eventhandling.Timestamp Instant at) {
        batch.update(CHANGES, """
                UPDATE catalog_version SET tags = tags - ?::text, last_updated_at = ?
                WHERE model_name = ? AND version = ?""", event.key(), Timestamp.from(at), event.modelName(),
                event.version());
    }

    @EventHandler
    public void on(VersionDescriptionChanged event, @org.axonframework.eventhandling.Timestamp Instant at) {
        batch.update(CHANGES, """
                UPDATE catalog_version SET description = ?, last_updated_at = ?
                WHERE model_name = ? AND version = ?""", event.description(), Timestamp.from(at), event.modelName(),
                event.version());
    }

    /** Fills only what the event supplies (the domain supplies only what the version lacks). */
    @EventHandler
    public void on(VersionEvidenceCompleted event, @org.axonframework.eventhandling.Timestamp Instant at) {
        batch.update(CHANGES, """
                UPDATE catalog_version SET artifact_digest = coalesce(?::text, artifact_digest),
                       framework = coalesce(?::text, framework), last_updated_at = ?
                WHERE model_name = ? AND version = ?""", event.artifactDigest(), event.framework(),
                Timestamp.from(at), event.modelName(), event.version());
    }

    @EventHandler
    public void on(ModelAliasSet event, @org.axonframework.eventhandling.Timestamp Instant at,
                   @MetaDataValue("actor") String actor) {
        batch.update(CHANGES, """
                INSERT INTO catalog_alias (model_name, alias, version, set_by, set_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (model_name, alias) DO UPDATE
                SET version = excluded.version, set_by = excluded.set_by, set_at = excluded.set_at""",
                event.modelName(), event.alias(), event.version(), actor, Timestamp.from(at));
        modelUpdated(event.modelName(), at);
    }

    /** Deletes the alias only while it still names the event's version (a later set may have moved it on). */
    @EventHandler
    public void on(ModelAliasDeleted event, @org.axonframework.eventhandling.Timestamp Instant at) {
        batch.update(CHANGES, "DELETE FROM catalog_alias WHERE model_name = ? AND alias = ? AND version = ?",
                event.modelName(), event.alias(), event.version());
        modelUpdated(event.modelName(), at);
    }

    private void modelUpdated(String model, Instant at) {
        batch.update(CHANGES, "UPDATE catalog_model SET last_updated_at = ? WHERE name = ?", Timestamp.from(at),
                model);
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
        jdbc.update("TRUNCATE catalog_alias, catalog_version_metric, catalog_version, catalog_model");
        positions.reset(GROUP); // writes during the replay wait for their own events again
    }

    /** JSON for a jsonb column; storable, as {@link ProjectionBatch} makes every text value (NUL escapes too). */
    private String toJson(Object value) {
        return value == null ? null : ReplacedText.json(json.writeValueAsString(value));
    }
}
