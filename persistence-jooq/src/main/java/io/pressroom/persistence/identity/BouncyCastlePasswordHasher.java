package io.pressroom.persistence.identity;

import io.pressroom.domain.identity.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) in PHC form through BouncyCastle:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (OWASP's minimum: 19 MiB, 2 passes,
 * 1 lane; 16-byte salt, 32-byte hash, unpadded base64). Verifies the legacy application's
 * bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}, as passlib wrote them) with
 * {@code OpenBSDBCrypt}; {@link #needsRehash} asks for argon2id at the current parameters
 * whenever a stored hash is bcrypt or weaker.
 */
public final class BouncyCastlePasswordHasher implements PasswordHasher {
    private static final Pattern PHC = Pattern.compile(
            "^\\$argon2id\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MAX_MEMORY_KIB = 1024 * 1024;
    private static final int MAX_ITERATIONS = 64;

    /** OWASP Password Storage Cheat Sheet: m=19456 KiB (19 MiB), t=2, p=1. */
    public static final Params OWASP = new Params(19_456, 2, 1);

    private final Params params;
    private final SecureRandom random = new SecureRandom();

    public record Params(int memoryKib, int iterations, int parallelism) {
        public Params {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("argon2id parameters out of range: m=" + memoryKib + ", t=" + iterations
                        + ", p=" + parallelism);
            }
        }
    }

    public BouncyCastlePasswordHasher() {
        this(OWASP);
    }

    public BouncyCastlePasswordHasher(Params params) {
        this.params = params;
    }

    @Override
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, params.memoryKib(), params.iterations(), params.parallelism(), HASH_BYTES);
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    @Override
    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        try {
            if (isBcrypt(storedHash)) {
                return OpenBSDBCrypt.checkPassword(storedHash, password.toCharArray());
            }
            Matcher m = PHC.matcher(storedHash);
            if (!m.matches() || Integer.parseInt(m.group(1)) != 19) {
                return false;
            }
            int memory = Integer.parseInt(m.group(2));
            int iterations = Integer.parseInt(m.group(3));
            int parallelism = Integer.parseInt(m.group(4));
            if (memory > MAX_MEMORY_KIB || iterations > MAX_ITERATIONS || parallelism > 16) {
                return false; // refuse a hash that would make one check a denial of service
            }
            byte[] salt = B64D.decode(m.group(5));
            byte[] expected = B64D.decode(m.group(6));
            byte[] actual = argon2(password, salt, memory, iterations, parallelism, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (RuntimeException e) {
            return false; // a malformed stored hash matches nothing
        }
    }

    @Override
    public boolean needsRehash(String storedHash) {
        Matcher m = storedHash == null ? null : PHC.matcher(storedHash);
        if (m == null || !m.matches()) {
            return true;
        }
        return Integer.parseInt(m.group(2)) < params.memoryKib()
                || Integer.parseInt(m.group(3)) < params.iterations()
                || Integer.parseInt(m.group(4)) < params.parallelism();
    }

    private static boolean isBcrypt(String hash) {
        return hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$");
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(p);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
