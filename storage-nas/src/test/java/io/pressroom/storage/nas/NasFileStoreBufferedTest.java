package io.pressroom.storage.nas;

import io.pressroom.domain.file.FileStore;
import io.pressroom.domain.file.FileStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract with buffered writes (what a file system refusing {@code O_DIRECT} gets). */
class NasFileStoreBufferedTest extends FileStoreContract {
    @TempDir
    Path dir;

    private NasFileStore store;

    @Override
    protected FileStore store() {
        store = new NasFileStore(dir.resolve("files"), true, false);
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
}
