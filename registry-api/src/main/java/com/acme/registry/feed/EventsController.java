package com.acme.registry.feed;

import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.identity.Role;
import com.acme.registry.promotion.Environments;
import com.acme.registry.validation.Violations;
import com.acme.registry.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The event feed over HTTP: a Server-Sent Events stream, resumable by {@code Last-Event-ID} or {@code after}, and the
 * same events as JSON pages for clients that poll. Every role may read it; READER sees catalog and serving events only.
 */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Events", description = "The registry's events as a resumable stream (Server-Sent Events) or pages")
class EventsController {

    private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");
    static final int MAX_PAGE = 1000;

    private final FeedStreams streams;
    private final FeedLog log;
    private final FeedBroadcaster broadcaster;
    private final Environments environments;
    private final JsonMapper json;
    private final SecurityAudit audit;

    EventsController(FeedStreams streams, FeedLog log, FeedBroadcaster broadcaster, Environments environments,
                     JsonMapper json, SecurityAudit audit) {
        this.streams = streams;
        this.log = log;
        this.broadcaster = broadcaster;
        this.environments = environments;
        this.json = json;
        this.audit = audit;
    }

    public record EventsPage(List<JsonNode> events, long after, long head) {
    }

    @Operation(summary = "Stream events as Server-Sent Events: each has the event's position as id, its type as "
            + "event name and its JSON as data; resume with Last-Event-ID (or after=), from the position after it "
            + "with no gap and no duplicate; without either, from now on. Comment lines are heartbeats.")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<SseEmitter> stream(
            @Parameter(description = "event types or categories (catalog, serving, governance), repeated or "
                    + "comma-separated") @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) List<String> model,
            @RequestParam(required = false) List<String> environment,
            @Parameter(description = "position to continue after (0: from the first event)")
            @RequestParam(required = false) String after,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            Authentication caller) {
        Violations violations = new Violations();
        FeedFilter filter = FeedFilter.parse(type, model, environment, visibleTo(caller), environments, violations,
                FeedFilter.Fields.QUERY);
        Long from = lastEventId != null ? position(lastEventId, "Last-Event-ID", violations)
                : after != null ? position(after, "after", violations) : null;
        violations.throwIfAny();
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-cache, no-store")
                .header("X-Accel-Buffering", "no") // nginx: pass each event on at once
                .body(streams.open(caller.getName(), filter, from));
    }

    @Operation(summary = "A page of events after a position, oldest first; continue with after= the answer's after")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public EventsPage page(@RequestParam(required = false) List<String> type,
                           @RequestParam(required = false) List<String> model,
                           @RequestParam(required = false) List<String> environment,
                           @RequestParam(required = false, defaultValue = "0") String after,
                           @RequestParam(required = false, defaultValue = "100") int limit,
                           Authentication caller) {
        Violations violations = new Violations();
        FeedFilter filter = FeedFilter.parse(type, model, environment, visibleTo(caller), environments, violations,
                FeedFilter.Fields.QUERY);
        Long from = position(after, "after", violations);
        violations.check(limit >= 1 && limit <= MAX_PAGE, "limit", "must be between 1 and " + MAX_PAGE);
        violations.throwIfAny();
        long head = broadcaster.head();
        List<FeedEvent> events = log.after(from, head, filter, limit);
        long next = events.size() < limit ? Math.max(from, head) : events.get(events.size() - 1).position();
        return new EventsPage(events.stream().map(e -> json.readTree(e.json())).toList(), next, head);
    }

    static final String REFUSED = "EventStreamRefused";

    @ExceptionHandler(FeedStreams.StreamsFullException.class)
    ResponseEntity<ProblemDetail> full(FeedStreams.StreamsFullException e, HttpServletRequest request,
                                       Authentication caller) {
        return refused(HttpStatus.SERVICE_UNAVAILABLE, "too-many-streams", "Too many event streams", e, request,
                caller);
    }

    @ExceptionHandler(FeedStreams.CallerStreamsFullException.class)
    ResponseEntity<ProblemDetail> callerFull(FeedStreams.CallerStreamsFullException e, HttpServletRequest request,
                                             Authentication caller) {
        return refused(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams-for-caller",
                "Too many event streams for one caller", e, request, caller);
    }

    /** A stream refused for a limit: audited like every refusal, answered with Retry-After. */
    private ResponseEntity<ProblemDetail> refused(HttpStatus status, String type, String title, RuntimeException e,
                                                  HttpServletRequest request, Authentication caller) {
        audit.refusal(request, REFUSED, caller == null ? null : caller.getName(), status.value(),
                Map.of("reason", type));
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, type, title, e.getMessage()));
    }

    private static Long position(String value, String field, Violations violations) {
        if (violations.check(POSITION.matcher(value).matches(), field,
                "must be an event position: a whole number of at most 18 digits, 0 for the first event")) {
            return Long.parseLong(value);
        }
        return null;
    }

    static Set<EventTypes.Category> visibleTo(Authentication caller) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : caller.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return EventTypes.visibleTo(roles);
    }
}
