package io.pressroom.storage.nas;

import com.sun.nio.file.ExtendedOpenOption;
import io.pressroom.domain.shared.DomainException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies an upload into a staging file as a three-stage pipeline, so that the costs of an upload
 * overlap instead of adding up:
 * <ul>
 *   <li>the calling (request) thread reads the body into a chunk of {@link #CHUNK} bytes, checks
 *       the size limit (413 as soon as it is passed) and hands the chunk on;</li>
 *   <li>a hasher thread computes the SHA-256 meanwhile;</li>
 *   <li>a writer thread writes the chunk at its offset. Where the file system allows it the file
 *       is written with {@code O_DIRECT} from aligned direct buffers: the bytes go to the disk
 *       as they arrive, the page cache (which the server does not need for a file it will not
 *       read back soon) is bypassed, and the closing {@code fsync} — which stays: durability —
 *       has only metadata left. Elsewhere (tmpfs, some network mounts) the writes are buffered
 *       and a {@code fdatasync} of what is written so far starts every {@link #FLUSH_EVERY}
 *       bytes, so the disk still works while the network does.</li>
 * </ul>
 * At most {@link #CHUNKS} chunks are in flight per upload (heap and native memory are fixed, not
 * proportional to the file); a chunk goes back to the reader when both the hasher and the
 * writer are done with it. A failure anywhere (the limit, a client gone mid-stream, a disk
 * error) stops the other stages before the caller deletes the file.
 */
final class StagingCopier {

    static final int CHUNK = 1024 * 1024;
    static final int CHUNKS = 4;
    static final long FLUSH_EVERY = 64L * 1024 * 1024;
    private static final int SPARE_CHUNKS = 8;
    private static final int MAX_ALIGNMENT = 64 * 1024;

    private static final Chunk END = new Chunk(0);
    private static final ConcurrentLinkedQueue<Chunk> SPARES = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SPARE_COUNT = new AtomicInteger();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "pressroom-upload-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    record Copied(long size, String sha256, boolean direct) {}

    /** One buffer's worth of the body: the bytes on the heap (hashed) and in native memory (written). */
    private static final class Chunk {
        final byte[] heap;
        final ByteBuffer direct;
        final AtomicInteger pending = new AtomicInteger();
        int length;
        long position;

        Chunk(int size) {
            heap = new byte[size];
            direct = size == 0 ? null : ByteBuffer.allocateDirect(size + MAX_ALIGNMENT).alignedSlice(MAX_ALIGNMENT);
        }
    }

    private StagingCopier() {}

    /**
     * Streams {@code in} into the new, empty file {@code file} (opened as {@code out}), at most
     * {@code maxBytes}; fsyncs it when {@code fsync}; with {@code tryDirect}, writes with
     * {@code O_DIRECT} where the file system allows it. Throws
     * {@link DomainException.PayloadTooLarge} past the limit, {@link DomainException.Invalid}
     * {@code file.incomplete} when the body cannot be read to its end.
     */
    static Copied copy(InputStream in, Path file, FileChannel out, long maxBytes, boolean fsync, boolean tryDirect)
            throws IOException {
        int alignment = tryDirect ? directAlignment(file) : 0;
        FileChannel direct = alignment > 0 ? openDirect(file) : null;
        try {
            return new Pipeline(in, out, direct, alignment, maxBytes, fsync).run();
        } finally {
            if (direct != null) {
                direct.close();
            }
        }
    }

    /** The block size {@code O_DIRECT} writes must align to, or 0 when it does not suit the chunks. */
    private static int directAlignment(Path file) {
        try {
            long alignment = Files.getFileStore(file).getBlockSize();
            return alignment > 0 && alignment <= MAX_ALIGNMENT && CHUNK % alignment == 0 ? (int) alignment : 0;
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    /** An {@code O_DIRECT} channel on {@code file}, or null where the file system or the JDK refuses it. */
    private static FileChannel openDirect(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // tmpfs, some network file systems: buffered writes then
        }
    }

    private static final class Pipeline {
        private final InputStream in;
        private final FileChannel out;
        private final FileChannel direct;
        private final int alignment;
        private final long maxBytes;
        private final boolean fsync;
        private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
        private final BlockingQueue<Chunk> toHash = new ArrayBlockingQueue<>(CHUNKS + 1);
        private final BlockingQueue<Chunk> toWrite = new ArrayBlockingQueue<>(CHUNKS + 1);
        private volatile boolean aborted;
        private boolean directOk; // the writer's; read by the reader only after the writer finished
        private int allocated;

        Pipeline(InputStream in, FileChannel out, FileChannel direct, int alignment, long maxBytes, boolean fsync) {
            this.in = in;
            this.out = out;
            this.direct = direct;
            this.alignment = alignment;
            this.directOk = direct != null;
            this.maxBytes = maxBytes;
            this.fsync = fsync;
        }

        Copied run() throws IOException {
            Future<byte[]> hasher = WORKERS.submit(() -> named("pressroom-hash", this::hash));
            Future<Long> writer = WORKERS.submit(() -> named("pressroom-write", this::write));
            long size = 0;
            boolean done = false;
            try {
                while (true) {
                    Chunk chunk = nextFree(hasher, writer);
                    int n = read(chunk.heap);
                    if (n <= 0) {
                        release(chunk);
                        break;
                    }
                    if (size + n > maxBytes) {
                        release(chunk);
                        throw new DomainException.PayloadTooLarge("file.too-large",
                                "the file is larger than the limit of " + maxBytes + " bytes", maxBytes);
                    }
                    chunk.length = n;
                    chunk.position = size;
                    size += n;
                    chunk.pending.set(2);
                    toHash.add(chunk); // never full: at most CHUNKS chunks exist
                    toWrite.add(chunk);
                }
                toHash.add(END);
                toWrite.add(END);
                String sha = HexFormat.of().formatHex(finish(hasher));
                long written = finish(writer);
                if (directOk && written != size) {
                    out.truncate(size); // the last chunk was padded to the block size
                }
                if (fsync) {
                    out.force(true);
                }
                done = true;
                return new Copied(size, sha, directOk);
            } finally {
                if (!done) {
                    aborted = true;
                    toHash.offer(END);
                    toWrite.offer(END);
                    quietly(hasher);
                    quietly(writer); // never close the file under a running write
                }
                Chunk c;
                while ((c = free.poll()) != null) {
                    spare(c);
                }
            }
        }

        /** A chunk for the reader: a free one, a spare, a new one while fewer than CHUNKS exist, else wait. */
        private Chunk nextFree(Future<?> hasher, Future<?> writer) throws IOException {
            Chunk c = free.poll();
            if (c != null) {
                return c;
            }
            if (allocated < CHUNKS) {
                allocated++;
                c = SPARES.poll();
                if (c != null) {
                    SPARE_COUNT.decrementAndGet();
                    return c;
                }
                return new Chunk(CHUNK);
            }
            try {
                while (true) {
                    c = free.poll(100, TimeUnit.MILLISECONDS);
                    if (c != null) {
                        return c;
                    }
                    for (Future<?> f : new Future<?>[] {hasher, writer}) {
                        if (f.isDone()) {
                            finish(f);
                            throw new IllegalStateException("an upload stage stopped early");
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while storing an upload");
            }
        }

        private void release(Chunk c) {
            if (c.pending.decrementAndGet() <= 0) {
                free.add(c);
            }
        }

        private byte[] hash() throws InterruptedException {
            MessageDigest sha = sha256();
            while (true) {
                Chunk c = toHash.take();
                if (c == END) {
                    return sha.digest();
                }
                if (!aborted) {
                    sha.update(c.heap, 0, c.length);
                }
                release(c);
            }
        }

        /** Writes every chunk at its offset; answers the bytes written (padding included). */
        private long write() throws InterruptedException, IOException {
            long written = 0;
            long flushedAt = 0;
            Future<?> flush = null;
            try {
                while (true) {
                    Chunk c = toWrite.take();
                    if (c == END) {
                        finish(flush);
                        return written;
                    }
                    try {
                        if (!aborted) {
                            written += directOk ? writeDirectOrFallBack(c) : writeBuffered(c);
                            if (!directOk && fsync && written - flushedAt >= FLUSH_EVERY && (flush == null || flush.isDone())) {
                                finish(flush);
                                flush = WORKERS.submit(() -> {
                                    out.force(false);
                                    return null;
                                });
                                flushedAt = written;
                            }
                        }
                    } finally {
                        release(c);
                    }
                }
            } finally {
                quietly(flush);
            }
        }

        /**
         * A file system may take {@code O_DIRECT} at open and refuse its first write ({@code EINVAL});
         * the upload then goes on buffered. A failure after a direct write succeeded is a real one.
         */
        private long writeDirectOrFallBack(Chunk c) throws IOException {
            try {
                return writeDirect(c);
            } catch (IOException e) {
                if (c.position != 0) {
                    throw e;
                }
                directOk = false;
                return writeBuffered(c);
            }
        }

        private long writeDirect(Chunk c) throws IOException {
            ByteBuffer b = c.direct;
            b.clear();
            b.put(c.heap, 0, c.length);
            int padded = c.length;
            if (padded % alignment != 0) { // the last chunk: zeros up to the block size, cut off by truncate()
                padded = (c.length + alignment - 1) / alignment * alignment;
                while (b.position() < padded) {
                    b.put((byte) 0);
                }
            }
            b.flip();
            long pos = c.position;
            while (b.hasRemaining()) {
                pos += direct.write(b, pos);
            }
            return padded;
        }

        private long writeBuffered(Chunk c) throws IOException {
            ByteBuffer b = c.direct;
            b.clear();
            b.put(c.heap, 0, c.length).flip();
            long pos = c.position;
            while (b.hasRemaining()) {
                pos += out.write(b, pos);
            }
            return c.length;
        }

        private int read(byte[] buffer) {
            try {
                return in.readNBytes(buffer, 0, buffer.length);
            } catch (IOException e) { // the client's failure (gone mid-stream): 400, not a server error
                throw new DomainException.Invalid("file.incomplete",
                        "the upload ended before it was complete (" + e.getMessage() + "); nothing was stored", Map.of());
            }
        }
    }

    /**
     * Runs {@code work} under a thread name that says what the pooled thread does (seen in
     * /proc, jstack, profiles; bench/upload reports CPU by it). The name stays until the thread
     * serves another stage: read after an upload, it tells what the thread did in it.
     */
    private static <T> T named(String name, java.util.concurrent.Callable<T> work) throws Exception {
        Thread.currentThread().setName(name);
        return work.call();
    }

    private static void spare(Chunk c) {
        if (SPARE_COUNT.incrementAndGet() <= SPARE_CHUNKS) {
            c.pending.set(0);
            SPARES.add(c);
        } else {
            SPARE_COUNT.decrementAndGet();
        }
    }

    private static <T> T finish(Future<T> f) throws IOException {
        if (f == null) {
            return null;
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing an upload");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void quietly(Future<?> f) {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
            // the upload failed anyway
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
