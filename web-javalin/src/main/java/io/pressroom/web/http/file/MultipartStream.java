package io.pressroom.web.http.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming reader of {@code multipart/form-data} (RFC 7578): parts are read one after the
 * other straight from the request, each part's content an {@link InputStream} that ends at the
 * next boundary. Nothing is buffered beyond a fixed window (64 KiB), so a 1 GiB file part
 * costs the heap nothing; a body that ends before its closing boundary is an
 * {@link IOException} (a cut-off upload), never a short file.
 */
public final class MultipartStream {

    private static final int WINDOW = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final int[] shift;      // Horspool's bad-character shifts of the delimiter
    private final byte[] buf;
    /** No delimiter starts in the window before this index (scanned already); moves with {@link #fill()}. */
    private int scanned;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean finished;
    private PartStream current;

    /** {@code contentType}: the request's, carrying the {@code boundary} parameter. */
    public MultipartStream(InputStream in, String contentType) {
        String boundary = boundary(contentType);
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw new IllegalArgumentException("multipart/form-data needs a boundary parameter (1 to 200 characters)");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.shift = shifts(delimiter);
        this.buf = new byte[WINDOW + delimiter.length + 4];
        // the first boundary may open the body without a preceding CRLF: pretend one
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    public static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String v = p.substring(9).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    /** One part: its headers, and its content as a stream (valid until {@link #next()} is called again). */
    public record Part(String name, String filename, String contentType, InputStream content) {}

    /** The next part, or null after the closing boundary. Skips what is left of the previous part. */
    public Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current != null) {
            current.skipRest();
        } else {
            skipPreamble();
        }
        // after a delimiter: "--" closes the body, otherwise transport padding then CRLF
        ensure(2);
        if (buffered() >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        while (true) {
            ensure(1);
            if (buffered() == 0) {
                throw new IOException("multipart body ended after a boundary");
            }
            byte b = buf[pos];
            if (b == ' ' || b == '\t') {
                pos++;
                continue;
            }
            break;
        }
        expect('\r');
        expect('\n');
        Map<String, String> headers = readHeaders();
        String disposition = headers.getOrDefault("content-disposition", "");
        Map<String, String> params = dispositionParams(disposition);
        current = new PartStream();
        return new Part(params.get("name"), filename(params), headers.get("content-type"), current);
    }

    private void skipPreamble() throws IOException {
        while (true) {
            int at = indexOfDelimiter();
            if (at >= 0) {
                pos = at + delimiter.length;
                return;
            }
            if (eof) {
                throw new IOException("not a multipart body: no boundary found");
            }
            pos = Math.max(pos, limit - delimiter.length + 1);
            fill();
        }
    }

    private void expect(char c) throws IOException {
        ensure(1);
        if (buffered() == 0 || buf[pos] != c) {
            throw new IOException("malformed multipart body: expected CRLF after a boundary");
        }
        pos++;
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder line = new StringBuilder();
        int total = 0;
        while (true) {
            ensure(1);
            if (buffered() == 0) {
                throw new IOException("multipart body ended inside part headers");
            }
            byte b = buf[pos++];
            if (++total > MAX_HEADER_BYTES) {
                throw new IOException("multipart part headers are too long");
            }
            if (b == '\n') {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                if (line.length() == 0) {
                    return headers;
                }
                int colon = line.indexOf(":");
                if (colon > 0) {
                    headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
                }
                line.setLength(0);
            } else {
                line.append((char) (b & 0xFF)); // ISO-8859-1 now, decoded as UTF-8 below
            }
        }
    }

    static Map<String, String> dispositionParams(String disposition) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = new String(disposition.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        int i = raw.indexOf(';');
        while (i >= 0 && i < raw.length()) {
            i++;
            while (i < raw.length() && raw.charAt(i) == ' ') {
                i++;
            }
            int eq = raw.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = raw.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            String value;
            if (j < raw.length() && raw.charAt(j) == '"') {
                StringBuilder v = new StringBuilder();
                j++;
                while (j < raw.length() && raw.charAt(j) != '"') {
                    if (raw.charAt(j) == '\\' && j + 1 < raw.length()) {
                        j++;
                    }
                    v.append(raw.charAt(j++));
                }
                value = v.toString();
                j = raw.indexOf(';', j);
            } else {
                int semi = raw.indexOf(';', j);
                value = raw.substring(j, semi < 0 ? raw.length() : semi).strip();
                j = semi;
            }
            params.putIfAbsent(key, value);
            i = j;
        }
        return params;
    }

    /** {@code filename*} (RFC 5987, UTF-8) wins over {@code filename}. */
    private static String filename(Map<String, String> params) {
        String extended = params.get("filename*");
        if (extended != null) {
            int quote = extended.indexOf("''");
            if (quote > 0 && extended.substring(0, quote).equalsIgnoreCase("utf-8")) {
                try {
                    return java.net.URLDecoder.decode(extended.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException ignored) {
                    // fall back to filename
                }
            }
        }
        return params.get("filename");
    }

    // ---- the window ----
    private int buffered() {
        return limit - pos;
    }

    /** At least {@code n} bytes in the window unless the body ends first. */
    private void ensure(int n) throws IOException {
        while (buffered() < n && !eof) {
            fill();
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            scanned = Math.max(0, scanned - pos);
            pos = 0;
        }
        if (limit == buf.length) {
            return;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /**
     * Index of the delimiter in the window from {@code pos}, or -1. Boyer-Moore-Horspool: the
     * window byte under the delimiter's last byte decides how far the delimiter may move, so a
     * part's content is mostly skipped {@code delimiter.length} bytes at a time instead of
     * compared byte by byte; what was scanned without a match is not scanned again.
     */
    private int indexOfDelimiter() {
        int m = delimiter.length;
        int lastByte = delimiter[m - 1];
        int i = Math.max(pos, scanned);
        int end = limit - m; // the last index a whole delimiter may start at
        while (i <= end) {
            byte b = buf[i + m - 1];
            if (b == lastByte && matchesAt(i)) {
                scanned = i;
                return i;
            }
            i += shift[b & 0xFF];
        }
        scanned = Math.max(pos, end + 1);
        return -1;
    }

    private boolean matchesAt(int i) {
        for (int k = 0; k < delimiter.length - 1; k++) {
            if (buf[i + k] != delimiter[k]) {
                return false;
            }
        }
        return true;
    }

    /** For each byte value: how far the delimiter may move when that byte is under its last byte. */
    static int[] shifts(byte[] delimiter) {
        int m = delimiter.length;
        int[] shift = new int[256];
        java.util.Arrays.fill(shift, m);
        for (int k = 0; k < m - 1; k++) {
            shift[delimiter[k] & 0xFF] = m - 1 - k;
        }
        return shift;
    }

    /** One part's content: the bytes up to the next delimiter. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done || current != this) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                if (buffered() < delimiter.length && !eof) {
                    fill();
                    continue;
                }
                int at = indexOfDelimiter();
                if (at == pos) {
                    pos += delimiter.length;
                    done = true;
                    return -1;
                }
                int safe = at >= 0 ? at - pos : (eof ? 0 : buffered() - delimiter.length + 1);
                if (safe <= 0) {
                    if (eof && at < 0) {
                        throw new IOException("Early EOF: the multipart body ended before its closing boundary");
                    }
                    fill();
                    continue;
                }
                int n = Math.min(len, safe);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // drain
            }
        }
    }
}
