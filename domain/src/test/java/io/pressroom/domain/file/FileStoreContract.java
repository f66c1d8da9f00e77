package io.pressroom.domain.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.domain.shared.DomainException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link FileStore} keeps (published in the domain's test-jar): an adapter
 * proves itself by extending this with {@link #store()} and {@link #leftovers()}.
 */
public abstract class FileStoreContract {

    /** A fresh, empty store. */
    protected abstract FileStore store();

    /** How many staged or stored objects exist in the store now, anywhere (temporary ones included). */
    protected abstract long leftovers();

    protected static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    protected static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    protected static String key(String sha) {
        return UUID.randomUUID() + "/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha + "_" + UUID.randomUUID();
    }

    @Test
    void stagedThenPromotedBytesRoundTripByteForByteWithTheirHash() throws Exception {
        FileStore store = store();
        byte[] content = random(3 * 1024 * 1024 + 17);
        FileStore.StagedBlob staged = store.stage(new ByteArrayInputStream(content), content.length);
        assertThat(staged.size()).isEqualTo(content.length);
        assertThat(staged.sha256()).isEqualTo(sha256(content));
        String key = key(staged.sha256());
        store.promote(staged, key);
        store.discard(staged);
        try (InputStream in = store.open(key, 0, content.length)) {
            byte[] back = in.readAllBytes();
            assertThat(back.length).isEqualTo(content.length);
            assertThat(java.util.Arrays.mismatch(back, content)).as("first differing byte").isEqualTo(-1);
        }
        try (InputStream in = store.open(key, 100, 50)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 100, 150));
        }
        assertThat(store.source(key).readAt(5, 3)).isEqualTo(java.util.Arrays.copyOfRange(content, 5, 8));
        assertThat(leftovers()).isEqualTo(1);
        assertThat(store.list(key.substring(0, 36))).extracting(FileStore.StoredKey::key).containsExactly(key);
        assertThat(store.delete(key)).isTrue();
        assertThat(store.delete(key)).isFalse();
        assertThat(leftovers()).isZero();
        assertThatThrownBy(() -> store.open(key, 0, 1)).isInstanceOf(DomainException.NotFound.class);
    }

    @Test
    void overTheLimitLeavesNothing() {
        FileStore store = store();
        byte[] content = random(10_001);
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(content), 10_000))
                .isInstanceOf(DomainException.PayloadTooLarge.class);
        assertThat(leftovers()).isZero();
    }

    @Test
    void aStreamCutOffMidwayLeavesNothing() {
        FileStore store = store();
        InputStream broken = new InputStream() {
            int served;

            @Override
            public int read() throws IOException {
                if (served++ > 200_000) {
                    throw new IOException("connection reset by peer");
                }
                return 7;
            }
        };
        assertThatThrownBy(() -> store.stage(broken, 1_000_000))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(e.code()).isEqualTo("file.incomplete"))
                .hasMessageContaining("connection reset");
        assertThat(leftovers()).isZero();
    }

    @Test
    void discardedStagesLeaveNothing() {
        FileStore store = store();
        FileStore.StagedBlob staged = store.stage(new ByteArrayInputStream(random(1000)), 1000);
        assertThat(leftovers()).isEqualTo(1);
        store.discard(staged);
        store.discard(staged);
        assertThat(leftovers()).isZero();
    }

    @Test
    void keysThatAreNotGeneratedKeysAreRefused() {
        FileStore store = store();
        for (String bad : new String[] {"../x", "/etc/passwd", "a/../../b", "", "a//b", "..", "a/./b"}) {
            assertThatThrownBy(() -> store.open(bad, 0, 1)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
