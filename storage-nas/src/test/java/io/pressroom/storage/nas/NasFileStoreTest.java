package io.pressroom.storage.nas;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.domain.file.FileStore;
import io.pressroom.domain.file.FileStoreContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import io.pressroom.domain.shared.DomainException;
import java.io.InputStream;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.junit.jupiter.api.io.TempDir;

class NasFileStoreTest extends FileStoreContract {
    @TempDir
    Path dir;

    private NasFileStore store;

    @Override
    protected FileStore store() {
        store = new NasFileStore(dir.resolve("files"));
        return store;
    }

    @Override
    protected long leftovers() {
        try (Stream<Path> walk = Files.walk(store.root())) {
            return walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void storedFilesAreNotExecutableAndLiveUnderTheirKeyOnly() throws Exception {
        store();
        byte[] content = random(1234);
        var staged = store.stage(new ByteArrayInputStream(content), 10_000);
        String key = key(staged.sha256());
        store.promote(staged, key);
        Path stored = store.root().resolve(key);
        assertThat(stored).exists().hasBinaryContent(content);
        assertThat(Files.getPosixFilePermissions(stored)).doesNotContain(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_READ);
        assertThat(Files.list(store.root().resolve(NasFileStore.STAGING))).isEmpty();
    }

    @Test
    void manyChunksRoundTripWithTheirHashAndSizeWhateverTheTail() throws Exception {
        store();
        for (int size : new int[] {0, 1, 4095, 4096, StagingCopier.CHUNK, StagingCopier.CHUNK + 1,
                StagingCopier.CHUNK * StagingCopier.CHUNKS * 2 + 12_345}) {
            byte[] content = random(size);
            var staged = store.stage(new ByteArrayInputStream(content), size);
            assertThat(staged.size()).as("size of %d", size).isEqualTo(size);
            assertThat(staged.sha256()).as("hash of %d", size).isEqualTo(sha256(content));
            String key = key(staged.sha256());
            store.promote(staged, key);
            assertThat(store.root().resolve(key)).as("bytes of %d", size).hasBinaryContent(content);
            assertThat(store.delete(key)).isTrue();
        }
        assertThat(leftovers()).isZero();
    }

    @Test
    void aFailureAfterSeveralChunksLeavesNothingAndTheNextUploadWorks() throws Exception {
        store();
        int many = StagingCopier.CHUNK * (StagingCopier.CHUNKS + 3);
        // over the limit far into the stream, with chunks still being hashed and written
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(random(many)), many - 10))
                .isInstanceOf(DomainException.PayloadTooLarge.class);
        assertThat(leftovers()).isZero();
        // the client goes away after several chunks
        InputStream cut = new InputStream() {
            long served;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served >= many / 2) {
                    throw new IOException("connection reset by peer");
                }
                int n = (int) Math.min(len, many / 2 - served);
                served += n;
                return n;
            }
        };
        assertThatThrownBy(() -> store.stage(cut, many))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(e.code()).isEqualTo("file.incomplete"));
        assertThat(leftovers()).isZero();
        byte[] content = random(StagingCopier.CHUNK * 2 + 7);
        var staged = store.stage(new ByteArrayInputStream(content), content.length);
        assertThat(staged.sha256()).isEqualTo(sha256(content));
        store.discard(staged);
        assertThat(leftovers()).isZero();
    }

    @Test
    void concurrentUploadsKeepTheirOwnBytes() throws Exception {
        store();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 12; i++) {
                int size = StagingCopier.CHUNK * (1 + i % 5) + i * 1001;
                futures.add(pool.submit(() -> {
                    byte[] content = random(size);
                    var staged = store.stage(new ByteArrayInputStream(content), size);
                    try {
                        return staged.size() == size && staged.sha256().equals(sha256(content))
                                && java.util.Arrays.equals(staged.readAt(0, size), content);
                    } finally {
                        store.discard(staged);
                    }
                }));
            }
            for (var f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(leftovers()).isZero();
    }

    @Test
    void staleStagingFilesAreSweptWhenTheStoreOpens() throws Exception {
        store();
        Path stale = store.root().resolve(NasFileStore.STAGING).resolve("old.part");
        Files.write(stale, new byte[10]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path fresh = store.root().resolve(NasFileStore.STAGING).resolve("new.part");
        Files.write(fresh, new byte[10]);
        new NasFileStore(store.root());
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }
}
