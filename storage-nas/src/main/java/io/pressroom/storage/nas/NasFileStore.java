package io.pressroom.storage.nas;

import io.pressroom.domain.file.FileStore;
import io.pressroom.domain.file.ByteSource;
import io.pressroom.domain.shared.DomainException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@link FileStore} over a directory (a NAS mount, {@code PRESSROOM_STORAGE_DIR}).
 * <ul>
 *   <li>Uploads stream into {@code <root>/.staging/<random>.part} (same file system as the
 *       final place, so the rename is atomic), hashed on the way, flushed with {@code fsync}
 *       ({@link StagingCopier}: reading, hashing and writing back overlap).</li>
 *   <li>{@link #promote} renames atomically into {@code <root>/<key>} and fsyncs the directory,
 *       so a promoted file survives a crash whole or not at all.</li>
 *   <li>Names are generated keys checked against a strict pattern and resolved inside the
 *       root; files are created {@code rw-r-----} (never executable).</li>
 *   <li>Staging files older than a day (left by a crash) are removed when the store opens.</li>
 * </ul>
 */
public final class NasFileStore implements FileStore {

    public static final String BACKEND = "nas";
    static final String STAGING = ".staging";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r-----");

    private final Path root;
    private final Path staging;
    private final boolean posix;
    private final boolean fsync;
    private final boolean directIo;

    /** A store under {@code root} (created when missing), with fsync on. */
    public NasFileStore(Path root) {
        this(root, true);
    }

    /** {@code fsync} false only for throwaway stores (tests): durability is then the OS's. */
    public NasFileStore(Path root, boolean fsync) {
        this(root, fsync, true);
    }

    /**
     * {@code directIo}: write uploads with {@code O_DIRECT} where the file system allows it
     * (the default; it falls back to buffered writes by itself where it does not). False forces
     * buffered writes (a mount that accepts {@code O_DIRECT} but misbehaves with it).
     */
    public NasFileStore(Path root, boolean fsync, boolean directIo) {
        try {
            this.root = Files.createDirectories(root).toRealPath();
            this.staging = Files.createDirectories(this.root.resolve(STAGING));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + root + " as the file store", e);
        }
        this.posix = this.root.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.fsync = fsync;
        this.directIo = directIo;
        sweepStaging(Duration.ofDays(1));
    }

    public Path root() {
        return root;
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public StagedBlob stage(InputStream content, long maxBytes) {
        Path temp = staging.resolve(UUID.randomUUID() + ".part");
        StagingCopier.Copied copied;
        boolean ok = false;
        try (FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes())) {
            copied = StagingCopier.copy(content, temp, out, maxBytes, fsync, directIo);
            ok = true;
        } catch (IOException e) {
            throw new UncheckedIOException("the upload could not be stored: " + e.getMessage(), e);
        } finally {
            if (!ok) {
                deleteQuietly(temp);
            }
        }
        return new Staged(temp, copied.size(), copied.sha256());
    }

    @Override
    public void promote(StagedBlob staged, String key) {
        Staged s = (Staged) staged;
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.move(s.path, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IllegalStateException("the staging area and " + target.getParent()
                        + " are not on one file system: atomic rename impossible", e);
            }
            if (fsync) {
                fsyncDirectory(target.getParent());
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("key already stored: " + key, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void discard(StagedBlob staged) {
        if (staged instanceof Staged s) {
            deleteQuietly(s.path);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        Path path = resolve(key);
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            return new RangeInputStream(channel, offset, length);
        } catch (NoSuchFileException e) {
            throw new DomainException.NotFound("file.content-missing", "the bytes of this file are missing from the store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ByteSource source(String key) {
        Path path = resolve(key);
        try {
            return new PathSource(path, Files.size(path));
        } catch (NoSuchFileException e) {
            throw new DomainException.NotFound("file.content-missing", "the bytes of this file are missing from the store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean delete(String key) {
        try {
            return Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            return false; // left for the orphan sweep
        }
    }

    @Override
    public List<StoredKey> list(String prefix) {
        Path dir = resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StoredKey> keys = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                try {
                    keys.add(new StoredKey(root.relativize(p).toString().replace('\\', '/'),
                            Files.getLastModifiedTime(p).toInstant()));
                } catch (IOException ignored) {
                    // vanished meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** The top-level folders (organization ids), the staging area left out. */
    @Override
    public List<String> owners() {
        List<String> owners = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(STAGING) && KEY.matcher(name).matches())
                    .forEach(owners::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return owners;
    }

    @Override
    public int sweepStaged(Duration olderThan) {
        return sweepStaging(olderThan);
    }

    /** Removes staging files older than {@code age}; answers how many. */
    public int sweepStaging(Duration age) {
        Instant limit = Instant.now().minus(age);
        int removed = 0;
        try (Stream<Path> files = Files.list(staging)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(limit) && Files.deleteIfExists(p)) {
                        removed++;
                    }
                } catch (IOException ignored) {
                    // next time
                }
            }
        } catch (IOException ignored) {
            // next time
        }
        return removed;
    }

    /** {@code key} inside the root, or an exception: never a path outside it. */
    Path resolve(String key) {
        if (key == null || !KEY.matcher(key).matches() || key.startsWith(STAGING)) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a storage key: " + key);
            }
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return p;
    }

    private FileAttribute<?>[] attributes() {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS)} : new FileAttribute<?>[0];
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open a directory for fsync; the rename is still atomic
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // swept later
        }
    }

    private static class PathSource implements ByteSource {
        final Path path;
        final long size;

        PathSource(Path path, long size) {
            this.path = path;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int read(long position, byte[] dst, int off, int len) throws IOException {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                return ch.read(ByteBuffer.wrap(dst, off, len), position);
            }
        }
    }

    private static final class Staged extends PathSource implements StagedBlob {
        private final String sha256;

        Staged(Path path, long size, String sha256) {
            super(path, size);
            this.sha256 = sha256;
        }

        @Override
        public String sha256() {
            return sha256;
        }
    }

    /** {@code length} bytes of a channel from {@code offset}. */
    private static final class RangeInputStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private long remaining;

        RangeInputStream(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.position = offset;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining <= 0) {
                return -1;
            }
            int want = (int) Math.min(len, remaining);
            int n = channel.read(ByteBuffer.wrap(b, off, want), position);
            if (n <= 0) {
                return -1;
            }
            position += n;
            remaining -= n;
            return n;
        }

        @Override
        public long transferTo(java.io.OutputStream out) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = read(buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
                total += n;
            }
            return total;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
