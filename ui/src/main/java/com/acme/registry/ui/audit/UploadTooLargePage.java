package com.acme.registry.ui.audit;

import com.acme.registry.ui.layout.Viewer;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.DefaultErrorViewResolver;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import java.util.Map;

/**
 * An upload over the limit is refused by Tomcat while the request's parameters are read (in the security filters,
 * before any controller), with 413 and the error page. For the verification form this page says the limit and
 * how to verify the file offline instead. Every other error is resolved by Boot's conventions (error/4xx…
 * templates), which a resolver bean of one's own would otherwise switch off, so they are kept here.
 */
@Component
class UploadTooLargePage implements ErrorViewResolver, Ordered {

    private final DefaultErrorViewResolver conventions;
    private final UploadLimit limit;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    UploadTooLargePage(ApplicationContext context, WebProperties web, UploadLimit limit) {
        this.conventions = new DefaultErrorViewResolver(context, web.getResources());
        this.limit = limit;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        if (status != HttpStatus.CONTENT_TOO_LARGE
                || !(request.getContextPath() + VerificationController.PATH)
                .equals(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))) {
            return conventions.resolveErrorView(request, status, model);
        }
        ModelAndView page = new ModelAndView("compliance/upload-too-large", HttpStatus.CONTENT_TOO_LARGE);
        page.addObject("limit", limit);
        page.addObject("section", "compliance");
        // the error dispatch runs outside the UI's session-based security chain: the viewer comes from the session
        page.addObject("viewer", Viewer.of(sessions.loadDeferredContext(request).get().getAuthentication()));
        return page;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
