package com.acme.registry.ui.model;

import com.acme.registry.model.VersionView;

import java.util.List;
import java.util.Map;

/** A row of the model page's versions table: the version, its metrics as text, where it serves now. */
public record VersionRow(VersionView version, Map<String, Double> metrics, List<String> servingNow) {

    public String metric(String name) {
        Double value = metrics.get(name);
        return value == null ? "—" : MetricFormat.value(value);
    }
}
