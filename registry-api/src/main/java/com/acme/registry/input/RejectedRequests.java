package com.acme.registry.input;

import com.acme.registry.validation.FieldViolation;
import com.acme.registry.validation.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring Security's firewall refuses requests whose URL, header or parameter holds characters it does not allow
 * (control characters among them). Its refusal was a bare 400 (or, when a header was read lazily by a controller,
 * a 500); it is a 400 problem+json naming the header or parameter, without echoing the value.
 */
@Component
public class RejectedRequests implements RequestRejectedHandler {

    private static final Pattern NAMED = Pattern.compile("(header|parameter)(?: name)?:? \"([^\"]*)\"");

    /** The header or parameter the firewall named, or "request". */
    public static FieldViolation violation(RequestRejectedException e) {
        Matcher named = NAMED.matcher(String.valueOf(e.getMessage()));
        String field = named.find() ? StorableText.printable(named.group(2).trim()) : "request";
        String what = named.find(0) ? "its " + named.group(1) : "its URL";
        return new FieldViolation(field.isEmpty() ? "request" : field, "holds characters that are not allowed ("
                + "control characters or characters outside what " + what + " may carry)");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        FieldViolation violation = violation(e);
        ProblemJson.write(response, 400, "invalid-input", "Invalid input",
                violation.field() + " " + violation.message(), request.getRequestURI(), violation);
    }
}
