package com.acme.registry.identity;

import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.validation.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Issuing and revoking API tokens, each with its audit record in the same transaction: the change and its record
 * commit together or not at all. A record names the token, its owner and roles, never its secret or its hash.
 */
@Service
public class TokenAdministration {

    static final String ISSUED = "ApiTokenIssued";
    static final String REVOKED = "ApiTokenRevoked";

    private final ApiTokens tokens;
    private final SecurityAudit audit;

    public TokenAdministration(ApiTokens tokens, SecurityAudit audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @Transactional
    public ApiTokens.IssuedToken issue(String name, Set<Role> roles, String owner, Instant expiresAt, String admin) {
        ApiTokens.IssuedToken issued = tokens.issue(name, roles, owner, expiresAt, admin);
        ApiTokens.ApiToken token = issued.token();
        Map<String, Object> details = target(token);
        details.put("roles", token.roles().stream().map(Role::name).sorted().toList());
        details.put("expiresAt", token.expiresAt().toString());
        audit.act(admin, ISSUED, details);
        return issued;
    }

    /** @throws RuleViolationException {@code token-revoked} when it was revoked before */
    @Transactional
    public void revoke(ApiTokens.ApiToken token, String admin) {
        if (!tokens.revoke(token.id(), admin)) {
            throw new RuleViolationException("token-revoked", "API token " + token.id() + " was revoked before, at "
                    + token.revokedAt() + ".");
        }
        audit.act(admin, REVOKED, target(token));
    }

    private static Map<String, Object> target(ApiTokens.ApiToken token) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tokenId", token.id().toString());
        details.put("name", token.name());
        details.put("owner", token.owner());
        return details;
    }
}
