package io.pressroom.domain.file;

import java.io.IOException;

/**
 * Random access to a file's bytes (a staged upload, a stored blob, an array in a test), so
 * metadata can be read from wherever a format keeps it (a TIFF directory may sit at the end)
 * without holding the file in memory.
 */
public interface ByteSource {
    long size();

    /** Reads up to {@code len} bytes at {@code position}; fewer only at the end (-1 past it). */
    int read(long position, byte[] dst, int off, int len) throws IOException;

    /** Exactly {@code len} bytes at {@code position}, or fewer when the source ends first. */
    default byte[] readAt(long position, int len) throws IOException {
        if (position < 0 || position >= size() || len <= 0) {
            return new byte[0];
        }
        int want = (int) Math.min(len, size() - position);
        byte[] out = new byte[want];
        int got = 0;
        while (got < want) {
            int n = read(position + got, out, got, want - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got == want ? out : java.util.Arrays.copyOf(out, got);
    }

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public int read(long position, byte[] dst, int off, int len) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(len, bytes.length - position);
                System.arraycopy(bytes, (int) position, dst, off, n);
                return n;
            }
        };
    }
}
