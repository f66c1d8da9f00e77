package io.pressroom.domain.identity;

/**
 * Outbound port: turns passwords into stored hashes and checks them. The adapter writes
 * argon2id in PHC form and still verifies the legacy application's bcrypt hashes.
 */
public interface PasswordHasher {
    /** A new hash of {@code password} at the current parameters. */
    String hash(String password);

    /** Whether {@code password} matches {@code storedHash}; false (never an exception) for a malformed hash. */
    boolean verify(String password, String storedHash);

    /** True when {@code storedHash} is of another scheme (bcrypt) or of weaker parameters than the current ones. */
    boolean needsRehash(String storedHash);
}
