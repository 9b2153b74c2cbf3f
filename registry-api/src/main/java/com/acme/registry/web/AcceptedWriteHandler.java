package com.acme.registry.web;

import com.acme.registry.axon.WriteNotYetVisibleException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;

/**
 * A write whose events are stored but not yet shown by the read models: {@code 202 Accepted}, with the resource's
 * {@code Location}, the event position to wait for, and {@code Retry-After}. Before {@link ProblemHandler}, whose
 * catch-all would otherwise take it.
 */
@RestControllerAdvice
@Order(0)
public class AcceptedWriteHandler {

    /** Seconds after which a GET of the location is likely to show the write. */
    static final int RETRY_AFTER_SECONDS = 2;

    /**
     * The body of a 202: {@code status} is always "accepted" (stored, not yet visible); {@code position} is null when
     * it could not be read; {@code waitingFor} names the read models (processing groups) that do not show it yet.
     */
    public record Accepted(String status, String detail, String location, Long position, List<String> waitingFor,
                           int retryAfterSeconds) {
    }

    @ExceptionHandler(WriteNotYetVisibleException.class)
    ResponseEntity<Accepted> accepted(WriteNotYetVisibleException e, HttpServletRequest request) {
        return answer(e, request);
    }

    /** The 202 answer (also for a request whose write was committed before something else failed). */
    static ResponseEntity<Accepted> answer(WriteNotYetVisibleException e, HttpServletRequest request) {
        String location = WriteLocation.of(request.getRequestURI(), e.modelName(), e.result());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create(location))
                .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Accepted("accepted", "The change is stored"
                        + (e.position() == null ? "" : " (event position " + e.position() + ")")
                        + " but not yet visible in " + String.join(" and ", e.waitingFor())
                        + "; GET the location after Retry-After seconds. Do not repeat the write.",
                        location, e.position(), e.waitingFor(), RETRY_AFTER_SECONDS));
    }
}
