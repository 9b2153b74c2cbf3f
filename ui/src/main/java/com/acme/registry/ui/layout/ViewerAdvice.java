package com.acme.registry.ui.layout;

import com.acme.registry.web.SegregationOfDutiesRecorder;
import com.acme.registry.validation.FieldViolation;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.SegregationOfDutiesException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every UI page knows its viewer; a refused action or bad input renders the refusal page with the rule and
 * the right status (never a 500), and nothing was changed.
 */
@ControllerAdvice(basePackages = "com.acme.registry.ui")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ViewerAdvice {

    private final SegregationOfDutiesRecorder refusals;

    ViewerAdvice(SegregationOfDutiesRecorder refusals) {
        this.refusals = refusals;
    }

    @ModelAttribute("viewer")
    Viewer viewer(Authentication authentication) {
        return Viewer.of(authentication);
    }

    @ExceptionHandler(SegregationOfDutiesException.class)
    String segregationOfDuties(SegregationOfDutiesException e, Model model, HttpServletRequest request,
                               HttpServletResponse response) {
        refusals.record(request, e, HttpStatus.FORBIDDEN.value(), Map.of("channel", "ui"));
        return refusal(model, response, HttpStatus.FORBIDDEN, "Segregation of duties", e.getMessage(), e.rule());
    }

    @ExceptionHandler(RuleViolationException.class)
    String ruleViolation(RuleViolationException e, Model model, HttpServletResponse response) {
        return refusal(model, response, HttpStatus.CONFLICT, "Not allowed now", e.getMessage(), e.rule());
    }

    @ExceptionHandler(InvalidInputException.class)
    String invalidInput(InvalidInputException e, Model model, HttpServletResponse response) {
        String details = e.violations().stream().map(ViewerAdvice::describe).collect(Collectors.joining("; "));
        return refusal(model, response, HttpStatus.BAD_REQUEST, "Check the form", details, null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String typeMismatch(MethodArgumentTypeMismatchException e, Model model, HttpServletResponse response) {
        return refusal(model, response, HttpStatus.BAD_REQUEST, "Check the form",
                e.getName() + ": '" + e.getValue() + "' is not a valid value", null);
    }

    @ExceptionHandler({NotFoundException.class, AggregateNotFoundException.class})
    String notFound(RuntimeException e, Model model, HttpServletResponse response) {
        return refusal(model, response, HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null);
    }

    @ExceptionHandler(ConcurrencyException.class)
    String concurrentChange(Model model, HttpServletResponse response) {
        return refusal(model, response, HttpStatus.CONFLICT, "Changed meanwhile",
                "Someone changed this model at the same moment; nothing of yours was stored. Reload and try again.",
                "concurrent-change");
    }

    private static String describe(FieldViolation violation) {
        return violation.field() + ": " + violation.message();
    }

    private static String refusal(Model model, HttpServletResponse response, HttpStatus status, String title,
                                  String message, String rule) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        model.addAttribute("rule", rule);
        model.addAttribute("viewer", Viewer.of(SecurityContextHolder.getContext().getAuthentication()));
        return "refusal";
    }
}
