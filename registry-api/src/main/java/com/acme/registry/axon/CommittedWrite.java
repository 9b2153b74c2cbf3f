package com.acme.registry.axon;

import com.acme.registry.axon.AxonProcessingConfiguration;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Optional;

/**
 * Remembers, for the rest of the request, that its command's events are committed: a failure after that point (the
 * database gone while the answer is being read) must not be answered as if nothing happened. The exception handlers
 * answer such a request 202 (stored, not yet shown) instead of 503/500.
 */
public final class CommittedWrite {

    private static final String ATTRIBUTE = CommittedWrite.class.getName();

    private CommittedWrite() {
    }

    public static void remember(String modelName, Object result) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, new WriteNotYetVisibleException(modelName, null, result,
                    AxonProcessingConfiguration.TRACKED_GROUPS,
                    "the change is stored, but answering it failed", null), RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The committed write of the current request, if its command was committed. */
    public static Optional<WriteNotYetVisibleException> inThisRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? Optional.empty()
                : Optional.ofNullable((WriteNotYetVisibleException) request.getAttribute(ATTRIBUTE,
                        RequestAttributes.SCOPE_REQUEST));
    }
}
