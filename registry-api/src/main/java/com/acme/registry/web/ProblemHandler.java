package com.acme.registry.web;

import com.acme.registry.axon.ProjectionPositions;
import com.acme.registry.web.idempotency.IdempotencyKeyReusedException;
import com.acme.registry.input.RejectedRequests;
import com.acme.registry.input.RequestBodyLimitFilter;
import com.acme.registry.input.RequestBodyTooLargeException;
import com.acme.registry.validation.StorableText;
import com.acme.registry.web.DatabaseOutage;
import com.acme.registry.axon.CommittedWrite;
import jakarta.servlet.http.HttpServletRequest;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.SegregationOfDutiesException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Maps every failure a caller can cause to a problem+json answer that names the field or the rule. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final SegregationOfDutiesRecorder refusals;

    public ProblemHandler(SegregationOfDutiesRecorder refusals) {
        this.refusals = refusals;
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return Problems.invalidInput(e.violations());
    }

    @ExceptionHandler(SegregationOfDutiesException.class)
    ProblemDetail segregationOfDuties(SegregationOfDutiesException e, HttpServletRequest request) {
        refusals.record(request, e, HttpStatus.FORBIDDEN.value(), java.util.Map.of());
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, e.rule(), "Segregation of duties", e.getMessage());
        problem.setProperty("rule", e.rule());
        return problem;
    }

    @ExceptionHandler(RuleViolationException.class)
    ProblemDetail ruleViolation(RuleViolationException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, e.rule(), "Rule violated", e.getMessage());
        problem.setProperty("rule", e.rule());
        e.details().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler({NotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException e) {
        // one line: Axon's repository no longer logs a stack trace for this (application.yml)
        log.info("Command for a model that is not registered: '{}'", e.getAggregateIdentifier());
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No model named '" + e.getAggregateIdentifier() + "' is registered.");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException e) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                "Another change to the same model was made at the same time; nothing of this request was stored. Retry it.");
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
                e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.invalidField(e.getName(), "must be " + describe(e.getRequiredType())
                + " (was '" + shown(e.getValue()) + "')");
    }

    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail requestRejected(RequestRejectedException e) {
        return Problems.invalidInput(java.util.List.of(RejectedRequests.violation(e)));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        return Problems.invalidField(e.getHeaderName(), "header is required");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.in(e);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                    .body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request body too large",
                            RequestBodyLimitFilter.message(tooLarge.limit())));
        }
        return ResponseEntity.badRequest().body(unreadable(e));
    }

    /** What was wrong with the body, in the API's terms: never Jackson's own text, which names Java types. */
    private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Problems.invalidField(path(unknown), "is not a known field");
        }
        if (cause instanceof InvalidFormatException format) {
            return Problems.invalidField(path(format), "must be " + describe(format.getTargetType())
                    + " (was " + shown(format.getValue()) + ")");
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return mismatch.getPath().isEmpty()
                    ? Problems.invalidField("body", "must be a JSON object")
                    : Problems.invalidField(path(mismatch), "must be " + describe(mismatch.getTargetType()));
        }
        if (cause instanceof InputCoercionException range) {
            return Problems.invalidField(path(range), "is out of range: must be " + describe(range.getTargetType())
                    + " from " + min(range.getTargetType()) + " to " + max(range.getTargetType()));
        }
        if (cause instanceof StreamReadException syntax) {
            String message = String.valueOf(syntax.getOriginalMessage());
            Matcher duplicate = DUPLICATE.matcher(message);
            if (duplicate.find()) {
                String field = path(syntax);
                String name = duplicate.group(1);
                return Problems.invalidField(field.equals("body") ? name : field + "." + name,
                        "is given more than once; each field may appear once");
            }
            String where = syntax.getLocation() == null || syntax.getLocation().getLineNr() < 1 ? ""
                    : " at line " + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr();
            String why = message.contains("NaN") || message.contains("INF") || message.contains("Infinity")
                    ? "NaN and Infinity are not JSON numbers"
                    : message.contains("end-of-input") ? "it ends too early" : "it is not well-formed";
            return Problems.invalidField(path(syntax), "is not valid JSON" + where + ": " + why);
        }
        if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
            return Problems.invalidField(path(json), "has an invalid value");
        }
        if (cause instanceof JacksonException) {
            return Problems.invalidField("body", "is not valid JSON");
        }
        return Problems.invalidField("body", "is required and must be a JSON object");
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object property|field) \"([^\"]*)\"");

    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(StorableText.printable(ref.getPropertyName()));
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String min(Class<?> type) {
        return type == Integer.class || type == int.class ? String.valueOf(Integer.MIN_VALUE)
                : String.valueOf(Long.MIN_VALUE);
    }

    private static String max(Class<?> type) {
        return type == Integer.class || type == int.class ? String.valueOf(Integer.MAX_VALUE)
                : String.valueOf(Long.MAX_VALUE);
    }

    /** A rejected value as the answer may show it: escaped and at most 100 characters. */
    private static String shown(Object value) {
        String text = StorableText.printable(String.valueOf(value));
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                values.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return values.toString();
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "an integer (a JSON number without a fraction)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == java.util.UUID.class) {
            return "a UUID, e.g. 3f2c1a9e-5b7d-4c1e-9a2b-0d4e6f8a1b2c";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == java.time.LocalDate.class) {
            return "a date, e.g. 2026-03-03";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant, e.g. 2026-03-03T14:05:00Z";
        }
        if (type.isRecord() || type == Object.class) {
            return "a JSON object";
        }
        return "a value of another form";
    }

    /**
     * Anything else: a write whose events were committed before the failure is 202 (it happened); a database outage
     * is 503 with Retry-After; the rest is a logged 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<?> unexpected(Exception e, HttpServletRequest request) {
        var committed = CommittedWrite.inThisRequest();
        if (committed.isPresent()) {
            log.warn("A stored write could not be answered normally: {}", ProjectionPositions.describe(e));
            return AcceptedWriteHandler.answer(committed.get(), request);
        }
        if (DatabaseOutage.causedBy(e)) {
            log.warn("Database unavailable: {}", ProjectionPositions.describe(e));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))
                    .body(DatabaseOutage.problem());
        }
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error", "Internal error",
                "The registry failed to answer this request; the failure is logged with the request's X-Request-Id."));
    }
}
