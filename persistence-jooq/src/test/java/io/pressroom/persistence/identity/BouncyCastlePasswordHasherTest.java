package io.pressroom.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

class BouncyCastlePasswordHasherTest {
    private final BouncyCastlePasswordHasher hasher = new BouncyCastlePasswordHasher();

    @Test
    void hashesArgon2idInPhcFormAtOwaspParametersWithARandomSalt() {
        String a = hasher.hash("correct horse battery staple");
        String b = hasher.hash("correct horse battery staple");
        assertThat(a).matches("^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$");
        assertThat(a).isNotEqualTo(b);
        assertThat(hasher.verify("correct horse battery staple", a)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", a)).isFalse();
        assertThat(hasher.needsRehash(a)).isFalse();
    }

    @Test
    void verifiesAKnownArgon2idVectorFromTheReferenceImplementation() {
        // produced by the argon2 reference CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32
        String phc = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(hasher.verify("password", phc)).isTrue();
        assertThat(hasher.verify("Password", phc)).isFalse();
    }

    @Test
    void verifiesLegacyBcryptAndAsksForARehash() {
        String salt = "0123456789abcdef";
        String b2b = OpenBSDBCrypt.generate("2b", "legacy-secret".toCharArray(), salt.getBytes(), 10);
        String b2a = OpenBSDBCrypt.generate("2a", "legacy-secret".toCharArray(), salt.getBytes(), 10);
        assertThat(b2b).startsWith("$2b$10$");
        assertThat(hasher.verify("legacy-secret", b2b)).isTrue();
        assertThat(hasher.verify("legacy-secret", b2a)).isTrue();
        assertThat(hasher.verify("wrong-secret", b2b)).isFalse();
        assertThat(hasher.needsRehash(b2b)).isTrue();
    }

    @Test
    void asksForARehashWhenTheParametersRise() {
        var weak = new BouncyCastlePasswordHasher(new BouncyCastlePasswordHasher.Params(8192, 1, 1));
        String old = weak.hash("some long password");
        assertThat(hasher.verify("some long password", old)).isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(weak.needsRehash(hasher.hash("x"))).isFalse(); // stronger than asked: kept
    }

    @Test
    void malformedStoredHashesMatchNothing() {
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "plain-text")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$!!$!!")).isFalse();
        assertThat(hasher.verify("x", "$2b$10$short")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).isFalse();
    }
}
