package com.acme.registry.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a scenario ran, the invariants it checked and the figures it measured (recovery times). */
public final class ScenarioResult {

    private final String scenario;
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, String> figures = new LinkedHashMap<>();
    private String ran = "";
    private long millis;

    public ScenarioResult(String scenario) {
        this.scenario = scenario;
    }

    public String scenario() {
        return scenario;
    }

    public void ran(String what) {
        this.ran = what;
    }

    public String ran() {
        return ran;
    }

    public void add(Check check) {
        checks.add(check);
    }

    public void addAll(List<Check> more) {
        checks.addAll(more);
    }

    public void figure(String name, String value) {
        figures.put(name, value);
    }

    public void took(long millis) {
        this.millis = millis;
    }

    public long millis() {
        return millis;
    }

    public List<Check> checks() {
        return checks;
    }

    public Map<String, String> figures() {
        return figures;
    }

    public List<Check> broken() {
        return checks.stream().filter(c -> !c.held()).toList();
    }

    public boolean held() {
        return !checks.isEmpty() && broken().isEmpty();
    }
}
