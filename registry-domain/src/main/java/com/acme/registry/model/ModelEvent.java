package com.acme.registry.model;

/** Every event of a registered model's stream. Class names, package and JSON shape are stored data. */
public sealed interface ModelEvent permits ModelRegistered, ModelVersionRegistered, ModelRetired, ModelVersionArchived,
        ModelTagSet, ModelTagDeleted, ModelDescriptionChanged, VersionTagSet, VersionTagDeleted,
        VersionDescriptionChanged, VersionEvidenceCompleted, ModelAliasSet, ModelAliasDeleted {

    String modelName();
}
