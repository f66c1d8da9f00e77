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
                if (len == 0) {
                    return 0;
                }
                dst[off] = b[at++];
                return 1;
            }
        };
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
}
