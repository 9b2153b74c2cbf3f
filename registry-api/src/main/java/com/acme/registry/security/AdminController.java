package com.acme.registry.security;

import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.Violations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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

/** ADMIN manages people, their roles, and machines' API tokens. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Administration", description = "Users, roles and API tokens (ADMIN only)")
public class AdminController {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
    private static final int MAX_TOKEN_DAYS = 366;

    private final UserAccounts users;
    private final ApiTokens tokens;
    private final PasswordPolicy passwordPolicy;

    public AdminController(UserAccounts users, ApiTokens tokens, PasswordPolicy passwordPolicy) {
        this.users = users;
        this.tokens = tokens;
        this.passwordPolicy = passwordPolicy;
    }

    public record NewUser(String username, String password, Set<Role> roles) {
    }

    public record UserView(String username, boolean enabled, Set<Role> roles, Instant createdAt, String createdBy) {
        static UserView of(UserAccounts.UserAccount a) {
            return new UserView(a.username(), a.enabled(), a.roles(), a.createdAt(), a.createdBy());
        }
    }

    public record RolesChange(Set<Role> roles) {
    }

    public record PasswordChange(String password) {
    }

    public record EnabledChange(Boolean enabled) {
    }

    public record NewToken(String name, Set<Role> roles, Integer validDays) {
    }

    public record TokenView(UUID id, String name, Set<Role> roles, String createdBy, Instant createdAt,
                            Instant expiresAt, Instant revokedAt, String revokedBy, boolean active) {
        static TokenView of(ApiTokens.ApiToken t) {
            return new TokenView(t.id(), t.name(), t.roles(), t.createdBy(), t.createdAt(), t.expiresAt(),
                    t.revokedAt(), t.revokedBy(), t.usableAt(Instant.now()));
        }
    }

    /** The only answer that ever carries the token's secret. */
    public record IssuedTokenView(TokenView token, String secret, String warning) {
    }

    @Operation(summary = "Create a user with a password (bcrypt) and roles")
    @PostMapping("/users")
    public ResponseEntity<UserView> createUser(@RequestBody NewUser body, Authentication admin) {
        Violations v = new Violations();
        if (v.check(body.username() != null, "username", "is required")) {
            v.check(USERNAME.matcher(body.username()).matches(), "username",
                    "must be 2-64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter");
        }
        passwordPolicy.check(body.username(), body.password(), v);
        checkRoles(body.roles(), v);
        v.throwIfAny();
        if (!users.create(body.username(), body.password(), body.roles(), admin.getName())) {
            throw new RuleViolationException("username-taken", "A user named '" + body.username() + "' exists already.");
        }
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + body.username()))
                .body(UserView.of(users.find(body.username()).orElseThrow()));
    }

    @Operation(summary = "List users and their roles")
    @GetMapping("/users")
    public List<UserView> users() {
        return users.list().stream().map(UserView::of).toList();
    }

    @Operation(summary = "Show one user")
    @GetMapping("/users/{username}")
    public UserView user(@PathVariable String username) {
        return users.find(username).map(UserView::of).orElseThrow(() -> noUser(username));
    }

    @Operation(summary = "Replace a user's roles")
    @PutMapping("/users/{username}/roles")
    public UserView replaceRoles(@PathVariable String username, @RequestBody RolesChange body,
                                 Authentication admin) {
        Violations v = new Violations();
        checkRoles(body.roles(), v);
        v.throwIfAny();
        if (!users.replaceRoles(username, body.roles(), admin.getName())) {
            throw noUser(username);
        }
        return user(username);
    }

    @Operation(summary = "Set a user's password")
    @PutMapping("/users/{username}/password")
    public ResponseEntity<Void> changePassword(@PathVariable String username, @RequestBody PasswordChange body,
                                               Authentication admin) {
        Violations v = new Violations();
        passwordPolicy.check(username, body.password(), v);
        v.throwIfAny();
        if (!users.changePassword(username, body.password(), admin.getName())) {
            throw noUser(username);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Enable or disable a user (users are never deleted: they are actors in the history)")
    @PutMapping("/users/{username}/enabled")
    public UserView setEnabled(@PathVariable String username, @RequestBody EnabledChange body,
                               Authentication admin) {
        if (body.enabled() == null) {
            throw InvalidInputException.of("enabled", "is required: true or false");
        }
        if (!users.setEnabled(username, body.enabled(), admin.getName())) {
            throw noUser(username);
        }
        return user(username);
    }

    @Operation(summary = "Issue an API token for a machine; its secret is shown in this answer only")
    @PostMapping("/tokens")
    public ResponseEntity<IssuedTokenView> issueToken(@RequestBody NewToken body, Authentication admin) {
        Violations v = new Violations();
        v.required(body.name(), "name", 64);
        checkRoles(body.roles(), v);
        int days = body.validDays() == null ? 90 : body.validDays();
        v.check(days >= 1 && days <= MAX_TOKEN_DAYS, "validDays", "must be between 1 and " + MAX_TOKEN_DAYS);
        v.throwIfAny();
        ApiTokens.IssuedToken issued = tokens.issue(body.name(), body.roles(),
                Instant.now().plus(Duration.ofDays(days)), admin.getName());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/admin/tokens/" + issued.token().id()))
                .body(new IssuedTokenView(TokenView.of(issued.token()), issued.secret(),
                        "Store this secret now: the registry keeps only its SHA-256 and cannot show it again."));
    }

    @Operation(summary = "List API tokens (never their secrets)")
    @GetMapping("/tokens")
    public List<TokenView> tokens() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    @Operation(summary = "Show one API token")
    @GetMapping("/tokens/{id}")
    public TokenView token(@PathVariable UUID id) {
        return tokens.find(id).map(TokenView::of).orElseThrow(() -> new NotFoundException("No API token " + id + "."));
    }

    @Operation(summary = "Revoke an API token; it is refused from then on")
    @PostMapping("/tokens/{id}/revocation")
    public TokenView revoke(@PathVariable UUID id, Authentication admin) {
        ApiTokens.ApiToken token = tokens.find(id).orElseThrow(() -> new NotFoundException("No API token " + id + "."));
        if (!tokens.revoke(id, admin.getName())) {
            throw new RuleViolationException("token-revoked", "API token " + token.id() + " was revoked before, at "
                    + token.revokedAt() + ".");
        }
        return token(id);
    }

    private static void checkRoles(Set<Role> roles, Violations v) {
        v.check(roles != null && !roles.isEmpty() && !roles.contains(null), "roles",
                "must name at least one of " + EnumSet.allOf(Role.class));
    }

    private static NotFoundException noUser(String username) {
        return new NotFoundException("No user named '" + username + "'.");
    }
}
