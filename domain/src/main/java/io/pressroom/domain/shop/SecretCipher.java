package io.pressroom.domain.shop;

/**
 * Outbound port: seals shop secrets ({@code shopConfig} values) for storage. {@code context}
 * binds a sealed value to where it belongs (organization, shop, key), so it cannot be moved to
 * another row. {@link #none()} stores values as they are (no {@code PRESSROOM_SECRET_KEY}).
 */
public interface SecretCipher {
    String seal(String plaintext, String context);

    String open(String stored, String context);

    /** Whether values are really encrypted at rest. */
    boolean encrypts();

    static SecretCipher none() {
        return new SecretCipher() {
            @Override
            public String seal(String plaintext, String context) {
                return plaintext;
            }

            @Override
            public String open(String stored, String context) {
                return stored;
            }

            @Override
            public boolean encrypts() {
                return false;
            }
        };
    }
}
