package com.acme.registry.identity;

import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.Violations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void shipsAListOfAtLeastTenThousandCommonPasswords() {
        assertThat(policy.commonPasswords()).isGreaterThanOrEqualTo(10_000);
        assertThat(policy.brokenRules("someone", "PassWord1234")).containsExactly(
                "is on the registry's list of common passwords; choose a longer, unusual passphrase");
    }

    @Test
    void countsCharactersAsCodePointsAndLimitsBytes() {
        assertThat(policy.brokenRules("someone", "😀".repeat(11))).containsExactly("must have at least 12 characters");
        assertThat(policy.brokenRules("someone", "😀".repeat(12))).as("12 characters, 48 bytes").isEmpty();
        assertThat(policy.brokenRules("someone", "😀".repeat(19))).as("76 bytes").containsExactly(
                "must be at most 72 bytes of UTF-8 (bcrypt ignores anything longer)");
        assertThat(policy.brokenRules("someone", "z".repeat(72))).isEmpty();
    }

    @Test
    void refusesTheUserNameInsideThePasswordIgnoringCase() {
        assertThat(policy.brokenRules("carla", "My-CARLA-passphrase")).containsExactly(
                "must not be or contain the user name");
        assertThat(policy.brokenRules("carla", "my-own-passphrase")).isEmpty();
    }

    @Test
    void namesTheFieldAndEveryBrokenRule() {
        Violations v = new Violations();
        policy.check("x", null, v);
        assertThatThrownBy(v::throwIfAny).isInstanceOf(InvalidInputException.class).hasMessageContaining("password");
        assertThat(policy.brokenRules("bob", "bob")).as("short, the user name, and common").hasSize(3);
    }
}
