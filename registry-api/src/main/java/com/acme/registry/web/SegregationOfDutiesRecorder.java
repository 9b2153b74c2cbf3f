package com.acme.registry.web;

import com.acme.registry.validation.SegregationOfDutiesException;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Map;

/**
 * Puts a request refused by segregation of duties on the record. Declared here so the web layer can report a
 * refusal without depending on the audit capability that records it.
 */
public interface SegregationOfDutiesRecorder {

    void record(HttpServletRequest request, SegregationOfDutiesException refusal, int status, Map<String, ?> extra);
}
