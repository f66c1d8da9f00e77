package io.pressroom.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void emailsAreTrimmedLowerCasedAndMustLookLikeOne() {
        assertThat(PasswordPolicy.email("  Ann@Example.COM ")).isEqualTo("ann@example.com");
        for (String bad : new String[] {"", "ann", "ann@", "@example.com", "ann@example", "a b@example.com", "ann@example."}) {
            assertThatThrownBy(() -> PasswordPolicy.email(bad)).as(bad).isInstanceOf(DomainException.Invalid.class)
                    .satisfies(e -> assertThat(((DomainException.Invalid) e).fieldErrors()).containsKey("email"));
        }
        assertThatThrownBy(() -> PasswordPolicy.email("a".repeat(250) + "@example.com")).isInstanceOf(DomainException.Invalid.class);
    }

    @Test
    void passwordsNeedEightCharactersAndAreNotCommonOrTheEmail() {
        PasswordPolicy.password("password", "eight ch", "ann@example.com");
        PasswordPolicy.password("password", "ünïcødé✓", null); // 8 code points
        assertThatThrownBy(() -> PasswordPolicy.password("password", "seven c", null)).hasMessageContaining("at least 8");
        assertThatThrownBy(() -> PasswordPolicy.password("newPassword", "Password123", null))
                .isInstanceOf(DomainException.Invalid.class)
                .satisfies(e -> assertThat(((DomainException.Invalid) e).fieldErrors()).containsKey("newPassword"));
        assertThatThrownBy(() -> PasswordPolicy.password("password", "ANN@example.com", "ann@example.com")).hasMessageContaining("guess");
        assertThatThrownBy(() -> PasswordPolicy.password("password", "x".repeat(257), null)).hasMessageContaining("at most");
        assertThatThrownBy(() -> PasswordPolicy.password("password", null, null)).hasMessageContaining("required");
    }

    @Test
    void namesAreRequiredAndBounded() {
        assertThat(PasswordPolicy.name("  Ann ")).isEqualTo("Ann");
        assertThatThrownBy(() -> PasswordPolicy.name("   ")).isInstanceOf(DomainException.Invalid.class);
        assertThatThrownBy(() -> PasswordPolicy.name("n".repeat(201))).isInstanceOf(DomainException.Invalid.class);
    }

    @Test
    void secretTokensAre43Base64UrlCharactersAndHashTo32Bytes() {
        String a = SecretTokens.generate();
        assertThat(a).matches("^[A-Za-z0-9_-]{43}$").isNotEqualTo(SecretTokens.generate());
        assertThat(SecretTokens.hash(a)).hasSize(32).isEqualTo(SecretTokens.hash(a));
        assertThat(SecretTokens.plausible("x".repeat(257))).isFalse();
        assertThat(SecretTokens.plausible(" ")).isFalse();
    }
}
