package com.acme.registry.browser;

import com.acme.registry.web.PublicBaseUrl;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * With a public base URL configured, every redirect and {@code Location} header that names a path is made absolute
 * with it. The registry itself only writes relative ones (Tomcat's relative redirects, Spring Security's relative
 * login redirects): nothing is ever built from the request's {@code Host}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PublicLocationFilter extends OncePerRequestFilter {

    private final PublicBaseUrl baseUrl;

    public PublicLocationFilter(PublicBaseUrl baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !baseUrl.isSet();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new AbsoluteLocations(response, baseUrl));
    }

    private static final class AbsoluteLocations extends HttpServletResponseWrapper {

        private final PublicBaseUrl baseUrl;

        AbsoluteLocations(HttpServletResponse response, PublicBaseUrl baseUrl) {
            super(response);
            this.baseUrl = baseUrl;
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            super.sendRedirect(baseUrl.absolute(location));
        }

        @Override
        public void sendRedirect(String location, int status) throws IOException {
            super.sendRedirect(baseUrl.absolute(location), status);
        }

        @Override
        public void sendRedirect(String location, boolean clearBuffer) throws IOException {
            super.sendRedirect(baseUrl.absolute(location), clearBuffer);
        }

        @Override
        public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
            super.sendRedirect(baseUrl.absolute(location), status, clearBuffer);
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, HttpHeaders.LOCATION.equalsIgnoreCase(name) ? baseUrl.absolute(value) : value);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, HttpHeaders.LOCATION.equalsIgnoreCase(name) ? baseUrl.absolute(value) : value);
        }
    }
}
