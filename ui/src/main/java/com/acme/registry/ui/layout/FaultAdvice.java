package com.acme.registry.ui.layout;

import com.acme.registry.axon.CommittedWrite;
import com.acme.registry.axon.WriteNotYetVisibleException;
import com.acme.registry.web.DatabaseOutage;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * UI answers under faults: an action whose change is stored but not yet shown by the read models renders "recorded"
 * (202), not an error; a database outage renders "temporarily unavailable" (503 with Retry-After). After
 * {@link ViewerAdvice}, whose refusals come first.
 */
@ControllerAdvice(basePackages = "com.acme.registry.ui")
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class FaultAdvice {

    private static final Logger log = LoggerFactory.getLogger(FaultAdvice.class);

    @ExceptionHandler(WriteNotYetVisibleException.class)
    String recorded(WriteNotYetVisibleException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.ACCEPTED.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, "2");
        model.addAttribute("modelName", e.modelName());
        model.addAttribute("position", e.position());
        model.addAttribute("viewer", Viewer.of(SecurityContextHolder.getContext().getAuthentication()));
        return "recorded";
    }

    /** Only database failures; anything else goes on to the generic handling, as before. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, org.axonframework.common.AxonException.class})
    String unavailable(RuntimeException e, Model model, HttpServletResponse response) {
        var committed = CommittedWrite.inThisRequest();
        if (committed.isPresent()) { // the change was stored before the failure: it happened
            return recorded(committed.get(), model, response);
        }
        if (!DatabaseOutage.causedBy(e)) {
            throw e;
        }
        log.warn("Database unavailable: {}", e.toString());
        return unavailablePage(model, response);
    }

    static String unavailablePage(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
        model.addAttribute("viewer", Viewer.of(SecurityContextHolder.getContext().getAuthentication()));
        return "unavailable";
    }
}
