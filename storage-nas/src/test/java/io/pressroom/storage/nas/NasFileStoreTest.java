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
