package io.pressroom.web.http.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartStreamTest {
    private static final String BOUNDARY = "----pressroomBoundary7MA4YWxk";

    static byte[] body(byte[] file, String disposition, boolean close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("preamble to ignore\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: " + disposition + "\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        if (close) {
            out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Serves one byte at a time: every boundary straddles reads. */
    static InputStream trickle(byte[] b) {
        return chunked(b, 1);
    }

    @Test
    void partsStreamByteForByteEvenWithBoundaryLookalikesInside() throws IOException {
        byte[] file = new byte[300_000];
        new Random(42).nextBytes(file);
        byte[] lookalike = ("\r\n--" + BOUNDARY.substring(0, 20)).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(lookalike, 0, file, 1000, lookalike.length);
        System.arraycopy(lookalike, 0, file, file.length - lookalike.length, lookalike.length);
        for (InputStream in : new InputStream[] {new ByteArrayInputStream(body(file, "form-data; name=\"file\"; filename=\"a.png\"", true)),
                trickle(body(file, "form-data; name=\"file\"; filename=\"a.png\"", true))}) {
            MultipartStream m = new MultipartStream(in, "multipart/form-data; boundary=\"" + BOUNDARY + "\"");
            MultipartStream.Part note = m.next();
            assertThat(note.name()).isEqualTo("note");
            assertThat(note.filename()).isNull();
            MultipartStream.Part part = m.next(); // the note's rest is skipped
            assertThat(part.name()).isEqualTo("file");
            assertThat(part.filename()).isEqualTo("a.png");
            assertThat(part.contentType()).isEqualTo("image/png");
            byte[] back = part.content().readAllBytes();
            assertThat(back.length).isEqualTo(file.length);
            assertThat(Arrays.mismatch(back, file)).isEqualTo(-1);
            assertThat(m.next()).isNull();
        }
    }

    @Test
    void utf8AndExtendedFilenames() throws IOException {
        byte[] body = body(new byte[] {1, 2}, "form-data; name=\"file\"; filename=\"caf\u00e9 \\\"x\\\".png\"", true);
        MultipartStream m = new MultipartStream(new ByteArrayInputStream(body), "multipart/form-data; boundary=" + BOUNDARY);
        m.next();
        assertThat(m.next().filename()).isEqualTo("café \"x\".png");
        byte[] ext = body(new byte[] {1}, "form-data; name=\"file\"; filename=\"fallback.png\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.png", true);
        MultipartStream m2 = new MultipartStream(new ByteArrayInputStream(ext), "multipart/form-data; boundary=" + BOUNDARY);
        m2.next();
        assertThat(m2.next().filename()).isEqualTo("日本.png");
    }

    @Test
    void aBodyCutOffBeforeItsClosingBoundaryIsAnError() throws IOException {
        byte[] body = body(new byte[100_000], "form-data; name=\"file\"; filename=\"a.png\"", false);
        MultipartStream m = new MultipartStream(new ByteArrayInputStream(body), "multipart/form-data; boundary=" + BOUNDARY);
        m.next();
        InputStream content = m.next().content();
        assertThatThrownBy(content::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("Early EOF");
    }

    @Test
    void noBoundaryIsRefused() {
        assertThatThrownBy(() -> new MultipartStream(new ByteArrayInputStream(new byte[0]), "multipart/form-data"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultipartStream(new ByteArrayInputStream("junk".getBytes()), "multipart/form-data; boundary=x").next())
                .isInstanceOf(IOException.class);
    }

    /** Serves {@code b} in reads of at most {@code step} bytes. */
    static InputStream chunked(byte[] b, int step) {
        return new InputStream() {
            int at;

            @Override
            public int read() {
                return at < b.length ? b[at++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] dst, int off, int len) {
                if (at >= b.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, step), b.length - at);
                System.arraycopy(b, at, dst, off, n);
                at += n;
                return n;
            }
        };
    }

    private static byte[] fileContent(MultipartStream m, int readSize) throws IOException {
        m.next();
        MultipartStream.Part part = m.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[readSize];
        int n;
        while ((n = part.content().read(b, 0, b.length)) >= 0) {
            out.write(b, 0, n);
        }
        assertThat(m.next()).isNull();
        return out.toByteArray();
    }

    @Test
    void theClosingBoundaryIsFoundWhereverItFallsAgainstTheWindowAndTheReads() throws IOException {
        int window = 64 * 1024;
        int m = ("\r\n--" + BOUNDARY).length();
        Random random = new Random(7);
        for (int size : new int[] {0, 1, m - 1, m, m + 1, window - m - 200, window - m - 1, window - m, window - m + 1,
                window - 1, window, window + 1, window + m, 2 * window - 100, 2 * window + 3, 5 * window + 11}) {
            byte[] file = new byte[size];
            random.nextBytes(file);
            byte[] body = body(file, "form-data; name=\"file\"; filename=\"a.bin\"", true);
            for (int step : new int[] {1, 3, m - 1, m + 1, 4096, window - 1, window + 5, Integer.MAX_VALUE}) {
                for (int readSize : new int[] {1, 1000, 1024 * 1024}) {
                    if (step == 1 && size > 3 * window || readSize == 1 && size > window) {
                        continue; // byte-at-a-time on the large sizes only makes the test slow
                    }
                    byte[] back = fileContent(new MultipartStream(chunked(body, step), "multipart/form-data; boundary=" + BOUNDARY), readSize);
                    assertThat(back.length).as("size %d, reads of %d, parts read in %d", size, step, readSize).isEqualTo(size);
                    assertThat(Arrays.mismatch(back, file)).as("size %d, reads of %d", size, step).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void everyNearMissOfTheDelimiterIsContentWhereverItFalls() throws IOException {
        byte[] delimiter = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(11);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        // every proper prefix, the delimiter with any one byte changed, and runs of its bytes
        for (int round = 0; round < 400; round++) {
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            for (int k = 0; k < noise.length; k++) {
                if (noise[k] == delimiter[delimiter.length - 1]) {
                    noise[k]++; // the noise never completes a near miss into the real delimiter
                }
            }
            content.writeBytes(noise);
            int kind = round % 3;
            if (kind == 0) {
                content.write(delimiter, 0, 1 + random.nextInt(delimiter.length - 1));
            } else if (kind == 1) {
                byte[] near = delimiter.clone();
                int at = random.nextInt(near.length);
                near[at] = (byte) (near[at] ^ (1 + random.nextInt(255)));
                content.writeBytes(near);
            } else {
                for (int k = 0; k < 5; k++) {
                    content.write(delimiter, 0, delimiter.length - 1);
                }
                content.write('\r');
            }
        }
        byte[] file = content.toByteArray();
        for (int i = 0; i + delimiter.length <= file.length; i++) { // a naive search: the content holds no delimiter
            assertThat(Arrays.equals(file, i, i + delimiter.length, delimiter, 0, delimiter.length)).as("delimiter at %d", i).isFalse();
        }
        byte[] body = body(file, "form-data; name=\"file\"; filename=\"near.bin\"", true);
        for (int step : new int[] {1, 2, 5, 17, delimiter.length, 4093, 65536, Integer.MAX_VALUE}) {
            byte[] back = fileContent(new MultipartStream(chunked(body, step), "multipart/form-data; boundary=" + BOUNDARY), 777);
            assertThat(back.length).as("reads of %d", step).isEqualTo(file.length);
            assertThat(Arrays.mismatch(back, file)).as("reads of %d", step).isEqualTo(-1);
        }
    }

    @Test
    void horspoolShiftsAreTheDistanceFromTheLastByte() {
        int[] shift = MultipartStream.shifts("\r\n--ab".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(shift['a']).isEqualTo(1);
        assertThat(shift['-']).isEqualTo(2); // the rightmost '-' but the last byte
        assertThat(shift['\n']).isEqualTo(4);
        assertThat(shift['\r']).isEqualTo(5);
        assertThat(shift['b']).isEqualTo(6); // only as the last byte: a full shift
        assertThat(shift['z']).isEqualTo(6);
    }
}
