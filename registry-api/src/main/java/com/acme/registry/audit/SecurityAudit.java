package com.acme.registry.audit;

import com.acme.registry.web.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Audit records of acts and refusals that are not events: administration (users, roles, tokens, rebuilds, the signing
 * key) and refused requests (role rule, segregation of duties, cross-site, throttled sign-in). The actor is always the
 * authenticated principal or null; {@code details} name the target and never carry a secret. Request paths are
 * bounded, so nobody can grow the undeletable audit table with long URLs.
 */
@Component
public class SecurityAudit {

    /** Characters of a request path kept in a record; the rest is cut and marked. */
    public static final int MAX_PATH = 200;

    private static final Logger log = LoggerFactory.getLogger(SecurityAudit.class);

    private final AuditLog audit;
    private final JsonMapper json;

    public SecurityAudit(AuditLog audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /**
     * Records a privileged act. Inside a transaction (the act's own), the record commits or rolls back with the act;
     * outside one it is appended alone.
     */
    public void act(String actor, String action, Map<String, ?> details) {
        AuditEntry entry = new AuditEntry(null, Instant.now(), actor, action, null, null, null, null,
                MDC.get(CorrelationIdFilter.MDC_KEY), json.writeValueAsString(new TreeMap<>(details)));
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            audit.appendInTransaction(entry);
        } else {
            audit.appendAlone(entry);
        }
    }

    /**
     * Records a refused request with its method, bounded path and status, plus {@code extra}; a failure to record is
     * logged and never hides the refusal itself.
     */
    public void refusal(HttpServletRequest request, String action, String actor, int status, Map<String, ?> extra) {
        refusal(request, action, actor, status, null, null, null, extra);
    }

    /** A refusal that concerns a model (and where known a version and environment), filed under them. */
    public void refusal(HttpServletRequest request, String action, String actor, int status, String model,
                        Integer version, String environment, Map<String, ?> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", request.getMethod());
        details.put("path", boundedPath(request.getRequestURI()));
        details.put("status", status);
        details.putAll(extra);
        try {
            audit.appendAlone(new AuditEntry(null, Instant.now(), actor, action, model, version, environment, null,
                    MDC.get(CorrelationIdFilter.MDC_KEY), json.writeValueAsString(details)));
        } catch (RuntimeException e) {
            log.error("Could not record {} in the audit log", action, e);
        }
    }

    static String boundedPath(String path) {
        if (path == null || path.codePointCount(0, path.length()) <= MAX_PATH) {
            return path;
        }
        return path.substring(0, path.offsetByCodePoints(0, MAX_PATH)) + "…";
    }
}
