package com.acme.registry.identity;

import com.acme.registry.validation.Violations;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules a person's password must meet when an ADMIN sets it or the first ADMIN is created (ASVS 5 6.2): at least
 * 12 characters, at most 72 bytes of UTF-8 (bcrypt ignores the rest), not the user name nor containing it, and not
 * on the list of common passwords shipped with the registry ({@code security/common-passwords.txt}), all ignoring
 * case. The demo users are the one exception, created by demo mode only.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_CHARACTERS = 12;
    public static final int MAX_UTF8_BYTES = 72;
    static final String COMMON_PASSWORDS = "security/common-passwords.txt";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** Adds a violation of field {@code password} for each rule broken; never echoes the password. */
    public void check(String username, String password, Violations v) {
        if (!v.check(password != null && !password.isEmpty(), "password", "is required")) {
            return;
        }
        for (String broken : brokenRules(username, password)) {
            v.add("password", broken);
        }
    }

    /** The rules {@code password} breaks, each as a sentence that names the rule; empty when it is acceptable. */
    public List<String> brokenRules(String username, String password) {
        List<String> broken = new java.util.ArrayList<>();
        if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            broken.add("must have at least " + MIN_CHARACTERS + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            broken.add("must be at most " + MAX_UTF8_BYTES + " bytes of UTF-8 (bcrypt ignores anything longer)");
        }
        String folded = fold(password);
        if (username != null && !username.isEmpty() && folded.contains(fold(username))) {
            broken.add("must not be or contain the user name");
        }
        if (common.contains(folded)) {
            broken.add("is on the registry's list of common passwords; choose a longer, unusual passphrase");
        }
        return broken;
    }

    int commonPasswords() {
        return common.size();
    }

    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the classpath");
            }
            Set<String> passwords = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isEmpty()).map(PasswordPolicy::fold).forEach(passwords::add);
            return Set.copyOf(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
