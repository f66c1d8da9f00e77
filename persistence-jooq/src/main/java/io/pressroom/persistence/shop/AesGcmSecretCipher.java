package io.pressroom.persistence.shop;

import io.pressroom.domain.shop.SecretCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Shop secrets encrypted at rest with AES-256-GCM under a key derived from
 * {@code PRESSROOM_SECRET_KEY} by HKDF-SHA256 (salt and info fixed per purpose). Each value
 * gets a fresh 96-bit nonce; the context (organization, shop, key) is the associated data, so
 * a sealed value copied to another row or key does not open. Stored as
 * {@code enc:v1:<base64(nonce ‖ ciphertext+tag)>}; a value without that prefix (written
 * before the key was set) is returned as it is.
 */
public final class AesGcmSecretCipher implements SecretCipher {
    static final String PREFIX = "enc:v1:";
    private static final byte[] SALT = "pressroom/secret-key/v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INFO = "pressroom shop secrets aes-256-gcm".getBytes(StandardCharsets.UTF_8);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public AesGcmSecretCipher(String secretKey) {
        if (secretKey == null || secretKey.length() < 16) {
            throw new IllegalArgumentException("PRESSROOM_SECRET_KEY must be at least 16 characters");
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secretKey.getBytes(StandardCharsets.UTF_8), SALT, INFO));
        byte[] derived = new byte[32];
        hkdf.generateBytes(derived, 0, derived.length);
        this.key = new SecretKeySpec(derived, "AES");
    }

    @Override
    public String seal(String plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a shop secret", e);
        }
    }

    @Override
    public String open(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a shop secret does not open with this PRESSROOM_SECRET_KEY (changed key, or moved value)", e);
        }
    }

    @Override
    public boolean encrypts() {
        return true;
    }
}
