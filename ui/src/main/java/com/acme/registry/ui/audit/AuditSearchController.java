package com.acme.registry.ui.audit;

import com.acme.registry.ui.layout.Pager;

import com.acme.registry.audit.AuditRecord;
import com.acme.registry.audit.AuditService;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.validation.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log searched by model, actor, action and period. The filter form is a plain GET (bookmarkable, works
 * without JavaScript); with htmx only the results are fetched and swapped, and the URL follows.
 */
@Controller
class AuditSearchController {

    static final int PAGE_SIZE = 25;

    private final AuditService audit;
    private final JsonMapper json;

    AuditSearchController(AuditService audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /** A record as the table shows it: its details as parsed JSON (or as text, should they not be JSON). */
    record Row(AuditRecord record, JsonNode details, String detailsText) {
    }

    @GetMapping("/compliance/audit")
    String search(@RequestParam(required = false) String model,
                  @RequestParam(required = false) String actor,
                  @RequestParam(required = false) String action,
                  @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to,
                  @RequestParam(required = false) Integer page,
                  @RequestHeader(name = "HX-Request", required = false) String htmx,
                  @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
                  HttpServletRequest http,
                  HttpServletResponse response,
                  Model view) {
        boolean fragment = "true".equals(htmx) && historyRestore == null;
        AuditCriteria criteria;
        PageRequest request;
        try {
            criteria = AuditCriteria.parse(model, actor, action, from, to);
            request = Pager.request(page, PAGE_SIZE);
        } catch (InvalidInputException refused) {
            if (!fragment) {
                throw refused;
            }
            // htmx swaps no 4xx answer: the whole page loads instead and shows the refusal, naming the field
            response.setHeader("HX-Redirect", http.getRequestURI()
                    + (http.getQueryString() == null ? "" : "?" + http.getQueryString()));
            return null;
        }
        Page<AuditRecord> records = audit.records(criteria.filter(), request);
        view.addAttribute("criteria", criteria);
        view.addAttribute("rows", records.items().stream().map(this::row).toList());
        view.addAttribute("pager", Pager.of(request, records.totalItems(), records.items().size(),
                p -> criteria.link("/compliance/audit", p)));
        view.addAttribute("exportLink", criteria.link("/compliance/export", null));
        response.addHeader("Vary", "HX-Request");
        if (fragment) {
            return "compliance/audit :: results";
        }
        view.addAttribute("models", audit.models());
        view.addAttribute("actors", audit.actors());
        view.addAttribute("actions", audit.actions());
        return "compliance/audit";
    }

    private Row row(AuditRecord record) {
        if (record.details() == null) {
            return new Row(record, null, null);
        }
        try {
            return new Row(record, json.readTree(record.details()), null);
        } catch (RuntimeException notJson) {
            return new Row(record, null, record.details());
        }
    }
}
