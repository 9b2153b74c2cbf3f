package com.acme.registry.input;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error answers (a request it refuses before the application sees it: headers too large, a
 * malformed request line or URI) as problem+json instead of Tomcat's HTML page, which also named the server.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private volatile String headerLimit = "the configured limit";

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    public void setHeaderLimit(String headerLimit) {
        this.headerLimit = headerLimit;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String body = ProblemJson.body(status, type(status), title(status), detail(status), null);
        try {
            response.setContentType(ProblemJson.CONTENT_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is closed: nothing more to tell
        }
    }

    private static String type(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 413 -> "request-too-large";
            case 414 -> "uri-too-long";
            case 431 -> "headers-too-large";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 413 -> "Request too large";
            case 414 -> "URI too long";
            case 431 -> "Request headers too large";
            default -> status >= 500 ? "Internal error" : "Bad request";
        };
    }

    private String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be read: its request line or URI is malformed, or its headers are "
                    + "larger than " + headerLimit + " (server.max-http-request-header-size). Nothing was changed.";
            case 404 -> "Nothing is at this address.";
            case 413 -> "The request is too large. Nothing was changed.";
            case 414 -> "The request URI is too long. Nothing was changed.";
            case 431 -> "The request headers are larger than " + headerLimit
                    + " (server.max-http-request-header-size). Nothing was changed.";
            default -> status >= 500 ? "The registry failed to answer this request." : "The request was refused.";
        };
    }
}
