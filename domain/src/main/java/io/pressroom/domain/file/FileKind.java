package io.pressroom.domain.file;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of print file Pressroom accepts, decided from the content's first bytes (magic
 * numbers), never from the client's name or {@code Content-Type}.
 */
public enum FileKind {
    PNG("image/png", List.of("png")),
    JPEG("image/jpeg", List.of("jpg", "jpeg", "jpe")),
    TIFF("image/tiff", List.of("tif", "tiff")),
    PDF("application/pdf", List.of("pdf")),
    SVG("image/svg+xml", List.of("svg"));

    /** How many leading bytes {@link #detect} looks at (SVG may start with a long XML prolog). */
    public static final int SNIFF_BYTES = 8192;

    private final String mimeType;
    private final List<String> extensions;

    FileKind(String mimeType, List<String> extensions) {
        this.mimeType = mimeType;
        this.extensions = extensions;
    }

    public String mimeType() {
        return mimeType;
    }

    /** The wire name, as in {@code fileMetadata.kind}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The canonical extension (first of {@link #extensions()}). */
    public String extension() {
        return extensions.get(0);
    }

    public List<String> extensions() {
        return extensions;
    }

    public static Optional<FileKind> fromWire(String wire) {
        for (FileKind k : values()) {
            if (k.wire().equals(wire)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public static Optional<FileKind> fromMimeType(String mime) {
        for (FileKind k : values()) {
            if (k.mimeType.equals(mime)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The kind these leading bytes (up to {@link #SNIFF_BYTES}) announce; empty when none we accept. */
    public static Optional<FileKind> detect(byte[] head, int length) {
        if (startsWith(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, length, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, length, 'I', 'I', 42, 0) || startsWith(head, length, 'M', 'M', 0, 42)) {
            return Optional.of(TIFF);
        }
        if (startsWith(head, length, '%', 'P', 'D', 'F', '-')) {
            return Optional.of(PDF);
        }
        if (looksLikeSvg(head, length)) {
            return Optional.of(SVG);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * UTF-8 XML whose prolog (declaration, comments, doctype) is followed by an {@code <svg}
     * root element within the sniffed bytes.
     */
    private static boolean looksLikeSvg(byte[] head, int length) {
        int n = Math.min(Math.min(length, head.length), SNIFF_BYTES);
        int start = n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        String text = new String(head, start, Math.max(0, n - start), StandardCharsets.UTF_8);
        int i = 0;
        while (true) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (text.startsWith("<?xml", i)) {
                int end = text.indexOf("?>", i);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
            } else if (text.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                int end = text.indexOf('>', i);
                int bracket = text.indexOf('[', i);
                if (bracket >= 0 && (end < 0 || bracket < end)) {
                    end = text.indexOf("]>", bracket);
                    if (end >= 0) {
                        end++;
                    }
                }
                if (end < 0) {
                    return false;
                }
                i = end + 1;
            } else {
                return text.startsWith("<svg", i)
                        && i + 4 < text.length()
                        && (Character.isWhitespace(text.charAt(i + 4)) || text.charAt(i + 4) == '>' || text.charAt(i + 4) == '/');
            }
        }
    }
}
