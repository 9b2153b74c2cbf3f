package com.acme.registry.ui.audit;

import com.acme.registry.audit.AuditService;
import com.acme.registry.validation.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Verification of an export someone hands back (an auditor's copy, an attachment to a finding): uploaded, read
 * as a stream from the multipart temp file, checked against this registry's public key, and shown record-precise.
 * The result comes back by redirect, so reloading the page does not upload again.
 */
@Controller
class VerificationController {

    static final String PATH = "/compliance/verification";
    private static final int MAX_NAME = 200;

    private final UploadedExportVerifier verifier;
    private final AuditService audit;
    private final UploadLimit limit;

    VerificationController(UploadedExportVerifier verifier, AuditService audit, UploadLimit limit) {
        this.verifier = verifier;
        this.audit = audit;
        this.limit = limit;
    }

    @GetMapping(PATH)
    String form(Model view) {
        view.addAttribute("keyId", audit.keyId());
        view.addAttribute("limit", limit);
        return "compliance/verification";
    }

    @PostMapping(PATH)
    String verify(@RequestParam(required = false) MultipartFile file,
                  @RequestParam(required = false) String format,
                  RedirectAttributes redirect) throws IOException {
        String name = file == null ? "" : fileName(file.getOriginalFilename());
        if (file == null || (file.isEmpty() && name.isEmpty())) {
            throw InvalidInputException.of("file", "choose the export file to verify (.jsonl or .csv)");
        }
        ExportFormat chosen = ExportFormat.chosen(format);
        VerificationOutcome outcome;
        try (InputStream in = new BufferedInputStream(file.getInputStream(), 64 * 1024)) {
            ExportFormat actual = chosen != null ? chosen : ExportFormat.detect(in, name);
            if (actual == null) {
                throw InvalidInputException.of("format", "cannot tell whether '" + name
                        + "' is JSON Lines or CSV from its content or name: choose the format");
            }
            outcome = verifier.verify(in, name, file.getSize(), actual, chosen == null);
        }
        redirect.addFlashAttribute("outcome", outcome);
        return "redirect:" + PATH;
    }

    /** The name the browser gave, without any folder (some send one) and not endless. */
    private static String fileName(String original) {
        if (original == null) {
            return "";
        }
        String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1).strip();
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "…";
    }
}
