package com.acme.registry.identity;

import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.Violations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * ADMIN issues and revokes machines' API tokens. A token holds machine roles only, belongs to an enabled person who
 * holds those roles too (READER needs none), and is named uniquely forever: its name is an actor in the history.
 */
@RestController
@RequestMapping("/api/v1/admin/tokens")
@Tag(name = "Administration", description = "Users, roles and API tokens (ADMIN only)")
class TokenAdminController {

    /** Lower case, so that {@code token:NAME} reads the same everywhere and no two names differ in case only. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_TOKEN_DAYS = 366;

    private final ApiTokens tokens;
    private final TokenAdministration administration;
    private final UserAccounts users;

    public TokenAdminController(ApiTokens tokens, TokenAdministration administration, UserAccounts users) {
        this.tokens = tokens;
        this.administration = administration;
        this.users = users;
    }

    public record NewToken(String name, Set<Role> roles, String owner, Integer validDays) {
    }

    public record TokenView(UUID id, String name, Set<Role> roles, String owner, String createdBy, Instant createdAt,
                            Instant expiresAt, Instant revokedAt, String revokedBy, boolean active) {
        static TokenView of(ApiTokens.ApiToken t) {
            return new TokenView(t.id(), t.name(), t.roles(), t.owner(), t.createdBy(), t.createdAt(), t.expiresAt(),
                    t.revokedAt(), t.revokedBy(), t.usableAt(Instant.now()));
        }
    }

    /** The only answer that ever carries the token's secret. */
    public record IssuedTokenView(TokenView token, String secret, String warning) {
    }

    @Operation(summary = "Issue an API token for a machine acting for its owner (default: you); machine roles only "
            + "(READER, ML_ENGINEER); its secret is shown in this answer only")
    @PostMapping
    public ResponseEntity<IssuedTokenView> issueToken(@RequestBody NewToken body, Authentication admin) {
        Violations v = new Violations();
        if (v.check(body.name() != null && !body.name().isBlank(), "name", "is required")) {
            v.check(NAME.matcher(body.name()).matches(), "name", "must be 1-64 characters of a-z, 0-9, '.', '_' and "
                    + "'-', starting with a letter or digit");
        }
        String ownerName = body.owner() == null ? admin.getName() : body.owner();
        UserAccounts.UserAccount owner = users.find(ownerName).filter(UserAccounts.UserAccount::enabled).orElse(null);
        v.check(owner != null, "owner", "must be an existing, enabled person: the token acts for them");
        if (v.check(body.roles() != null && !body.roles().isEmpty() && !body.roles().contains(null), "roles",
                "must name at least one of " + Role.MACHINE_ROLES)) {
            Set<Role> human = EnumSet.copyOf(body.roles());
            human.removeIf(Role::machineRole);
            if (v.check(human.isEmpty(), "roles", "may hold machine roles only " + Role.MACHINE_ROLES + "; " + human
                    + " belong to people (approving, rejecting, acknowledging and administering are acts of a person)")
                    && owner != null) {
                Set<Role> lacking = EnumSet.copyOf(body.roles());
                lacking.remove(Role.READER);
                lacking.removeAll(owner.roles());
                v.check(lacking.isEmpty(), "roles", "may hold only roles its owner '" + owner.username()
                        + "' holds (or READER); the owner lacks " + lacking);
            }
        }
        int days = body.validDays() == null ? 90 : body.validDays();
        v.check(days >= 1 && days <= MAX_TOKEN_DAYS, "validDays", "must be between 1 and " + MAX_TOKEN_DAYS);
        v.throwIfAny();
        ApiTokens.IssuedToken issued = administration.issue(body.name(), body.roles(), owner.username(),
                Instant.now().plus(Duration.ofDays(days)), admin.getName());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/admin/tokens/" + issued.token().id()))
                .body(new IssuedTokenView(TokenView.of(issued.token()), issued.secret(),
                        "Store this secret now: the registry keeps only its SHA-256 and cannot show it again."));
    }

    @Operation(summary = "List API tokens (never their secrets)")
    @GetMapping
    public List<TokenView> tokens() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    @Operation(summary = "Show one API token")
    @GetMapping("/{id}")
    public TokenView token(@PathVariable UUID id) {
        return tokens.find(id).map(TokenView::of).orElseThrow(() -> noToken(id));
    }

    @Operation(summary = "Revoke an API token; it is refused from then on, and its name is never issued again")
    @PostMapping("/{id}/revocation")
    public TokenView revoke(@PathVariable UUID id, Authentication admin) {
        administration.revoke(tokens.find(id).orElseThrow(() -> noToken(id)), admin.getName());
        return token(id);
    }

    private static NotFoundException noToken(UUID id) {
        return new NotFoundException("No API token " + id + ".");
    }
}
