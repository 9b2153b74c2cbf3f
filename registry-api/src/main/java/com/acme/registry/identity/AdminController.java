package com.acme.registry.identity;

import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.Violations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** ADMIN manages people and their roles (API tokens: {@link TokenAdminController}). */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Administration", description = "Users, roles and API tokens (ADMIN only)")
class AdminController {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
    private final UserAccounts users;
    private final PasswordPolicy passwordPolicy;

    public AdminController(UserAccounts users, PasswordPolicy passwordPolicy) {
        this.users = users;
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

    private static void checkRoles(Set<Role> roles, Violations v) {
        v.check(roles != null && !roles.isEmpty() && !roles.contains(null), "roles",
                "must name at least one of " + EnumSet.allOf(Role.class));
    }

    private static NotFoundException noUser(String username) {
        return new NotFoundException("No user named '" + username + "'.");
    }
}
