package com.acme.registry.ui.audit;

import com.acme.registry.audit.AuditService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Recomputes the hash chain of this registry's whole stored audit log and checks it against the stored checkpoints,
 * on request (it reads every record).
 */
@Controller
class StoredChainController {

    private final AuditService audit;

    StoredChainController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping("/compliance/audit/chain")
    String check(Model view) {
        long started = System.nanoTime();
        view.addAttribute("chain", audit.verifyStored());
        view.addAttribute("millis", (System.nanoTime() - started) / 1_000_000);
        return "compliance/chain";
    }
}
