package com.acme.registry.browser;

import com.acme.registry.web.PublicBaseUrl;

import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A browser attaches cached credentials to a request another site makes it send, so a state-changing API request
 * (POST, PUT, PATCH, DELETE under {@code /api/}) is refused when the browser says it came from elsewhere:
 * {@code Sec-Fetch-Site} {@code cross-site} or {@code same-site}, or an {@code Origin} that is not the registry's own
 * — 403 {@code cross-site-request}, audited as {@code CrossSiteRequestRefused}. A body in one of the content types an
 * HTML form can send without a CORS preflight is refused 415 whatever its origin, so a form changes nothing even in
 * a browser without those headers. Clients that send neither header (curl, pipelines, SDKs) are not affected.
 *
 * <p>It runs after Spring Security (so the actor is known and the role rules answer first) and before the
 * controllers; the body limit, the unreadable-parameters check and the database-outage handling run before it.
 */
@Component
@Order(CrossSiteRequestFilter.ORDER)
public class CrossSiteRequestFilter extends OncePerRequestFilter {

    /** After Spring Security's filter chain (order -100), before the DispatcherServlet. */
    static final int ORDER = -90;

    static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data",
            "text/plain");

    private final PublicBaseUrl baseUrl;
    private final SecurityAudit audit;
    private final JsonMapper json;

    public CrossSiteRequestFilter(PublicBaseUrl baseUrl, SecurityAudit audit, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.audit = audit;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !STATE_CHANGING.contains(request.getMethod())
                || !com.acme.registry.input.ApiPaths.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if (fromAnotherSite(fetchSite) || (origin != null && !ownOrigin(origin, request))) {
            refuseCrossSite(request, response, origin, fetchSite);
            return;
        }
        String formType = formType(request.getContentType());
        if (formType != null) {
            Problems.write(json, request, response, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type", "Unsupported media type", "Content-Type " + formType
                            + " is not accepted: the API takes application/json (or no body); nothing was changed."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean fromAnotherSite(String fetchSite) {
        if (fetchSite == null) {
            return false;
        }
        String site = fetchSite.trim().toLowerCase(Locale.ROOT);
        return site.equals("cross-site") || site.equals("same-site");
    }

    private boolean ownOrigin(String origin, HttpServletRequest request) {
        Optional<String> canonical = PublicBaseUrl.canonical(origin);
        return canonical.isPresent() && canonical.get().equals(baseUrl.ownOrigin(request));
    }

    /** The media type (without parameters, lower case) when it is one a form can send; otherwise null. */
    static String formType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        return FORM_TYPES.contains(type) ? type : null;
    }

    private void refuseCrossSite(HttpServletRequest request, HttpServletResponse response, String origin,
                                 String fetchSite) throws IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        String actor = user == null || !user.isAuthenticated() ? null : user.getName();
        Map<String, Object> extra = new LinkedHashMap<>();
        if (origin != null) {
            extra.put("origin", bounded(origin));
        }
        if (fetchSite != null) {
            extra.put("secFetchSite", bounded(fetchSite));
        }
        audit.refusal(request, "CrossSiteRequestRefused", actor, 403, extra);
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, "cross-site-request", "Cross-site request refused",
                "A " + request.getMethod() + " to the API from another site is refused (rule cross-site-request): "
                        + "a browser must send it from the registry's own origin; clients outside a browser send "
                        + "neither Origin nor Sec-Fetch-Site. Nothing was changed.");
        problem.setProperty("rule", "cross-site-request");
        Problems.write(json, request, response, problem);
    }

    /** A header as recorded: at most {@link SecurityAudit#MAX_PATH} characters, so it cannot grow the audit log. */
    private static String bounded(String header) {
        return header.length() <= SecurityAudit.MAX_PATH ? header : header.substring(0, SecurityAudit.MAX_PATH) + "…";
    }

}
