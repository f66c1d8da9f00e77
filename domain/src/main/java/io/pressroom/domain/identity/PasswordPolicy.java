package io.pressroom.domain.identity;

import io.pressroom.domain.shared.DomainException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a new password and an account's fields must satisfy (OWASP ASVS 5.0 V6.2: at least 8
 * characters, at least 64 allowed, no composition rules, common passwords refused; NIST
 * SP 800-63B). Existing (legacy) passwords are not re-judged at login.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;
    public static final int MAX_EMAIL_LENGTH = 254;
    public static final int MAX_NAME_LENGTH = 200;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    private static final Set<String> COMMON = Set.of(
            "password", "password1", "password123", "12345678", "123456789", "1234567890", "qwertyuiop",
            "qwerty123", "iloveyou", "11111111", "00000000", "abc12345", "letmein1", "welcome1", "admin123",
            "passw0rd", "sunshine", "princess", "football", "baseball", "trustno1", "superman", "1q2w3e4r",
            "pressroom", "changeme", "administrator");

    private PasswordPolicy() {}

    /** The e-mail trimmed and lower-cased, or 400 {@code validation.failed} on field {@code email}. */
    public static String email(String raw) {
        String email = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            throw DomainException.Invalid.field("email", "email is required");
        }
        if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
            throw DomainException.Invalid.field("email", "email must look like name@example.com");
        }
        return email;
    }

    public static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw DomainException.Invalid.field("name", "name is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw DomainException.Invalid.field("name", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    /** Refuses a new password that is too short, too long, common, or the e-mail itself. */
    public static void password(String field, String password, String email) {
        if (password == null || password.isEmpty()) {
            throw DomainException.Invalid.field(field, field + " is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw DomainException.Invalid.field(field, field + " must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw DomainException.Invalid.field(field, field + " must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || (email != null && (lower.equals(email) || lower.equals(localPart(email))))) {
            throw DomainException.Invalid.field(field, field + " is too easy to guess; choose a longer or less common one");
        }
    }

    private static String localPart(String email) {
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }
}
