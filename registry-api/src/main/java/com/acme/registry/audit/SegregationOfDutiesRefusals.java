package com.acme.registry.audit;

import com.acme.registry.validation.SegregationOfDutiesException;
import com.acme.registry.web.SegregationOfDutiesRecorder;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records a request refused by segregation of duties (API or UI): the signed-in person as actor, the model, version
 * and environment concerned, and in the details the rule, its message and the request or rollback number.
 */
@Component
public class SegregationOfDutiesRefusals implements SegregationOfDutiesRecorder {

    public static final String ACTION = "SegregationOfDutiesRefused";

    private final SecurityAudit audit;

    public SegregationOfDutiesRefusals(SecurityAudit audit) {
        this.audit = audit;
    }

    @Override
    public void record(HttpServletRequest request, SegregationOfDutiesException refusal, int status,
                       Map<String, ?> extra) {
        var principal = SecurityContextHolder.getContext().getAuthentication();
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("rule", refusal.rule());
        details.put("message", refusal.getMessage());
        details.putAll(refusal.details());
        audit.refusal(request, ACTION, principal == null ? null : principal.getName(), status, refusal.model(),
                refusal.version(), refusal.environment(), details);
    }
}
