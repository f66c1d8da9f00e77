package io.pressroom.domain.file;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Turns whatever name a client sends into a display name that is safe to show, to put in a
 * {@code Content-Disposition} header and to save on a user's disk. Never refuses: the worst
 * name becomes {@code file.<ext>}. It is only ever metadata: the stored bytes live under a
 * generated key, never under a client's name.
 *
 * <ul>
 *   <li>Unicode compatibility forms folded (NFKC: full-width {@code ／} becomes {@code /}), so
 *       look-alike separators cannot hide a path; division and fraction slashes too.</li>
 *   <li>Only the last path segment is kept ({@code ../../etc/passwd} becomes {@code passwd}).</li>
 *   <li>Control and format characters removed: NUL, CR/LF, bidi overrides and isolates
 *       (U+202A–U+202E, U+2066–U+2069), zero-width characters, BOMs; unpaired surrogates.</li>
 *   <li>Characters Windows forbids ({@code <>:"|?*}) become {@code _}; leading dots and
 *       spaces go (no hidden files, no {@code ..}); reserved device names get a {@code _}.</li>
 *   <li>The extension is the detected kind's (see {@link #displayName}); an
 *       executable-looking inner extension is defused ({@code shell.php.png} becomes
 *       {@code shell_php.png}).</li>
 *   <li>At most {@value #MAX_LENGTH} characters (and 255 UTF-8 bytes), the extension kept.</li>
 * </ul>
 */
public final class SafeFileNames {

    public static final int MAX_LENGTH = 120;
    private static final int MAX_UTF8_BYTES = 255;

    private static final Set<String> RISKY_EXTENSIONS = Set.of(
            "php", "php3", "php4", "php5", "phtml", "phar", "asp", "aspx", "jsp", "jspx", "cgi", "pl", "py", "rb",
            "sh", "bash", "exe", "com", "bat", "cmd", "scr", "msi", "dll", "jar", "js", "mjs", "vbs", "ps1",
            "html", "htm", "xhtml", "shtml", "svg", "hta", "lnk", "app", "war", "htaccess");

    private static final Set<String> WINDOWS_DEVICES = Set.of(
            "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private SafeFileNames() {}

    /**
     * The safe display name for a file of {@code kind} that the client called {@code raw}
     * (null or blank allowed). The last extension is the kind's own: kept when the client's
     * already names the kind ({@code photo.JPEG} stays), otherwise a short alphanumeric last
     * extension is dropped and the kind's appended ({@code report.pdf} holding PNG bytes becomes
     * {@code report.png}; {@code photo.png.exe} becomes {@code photo.png}).
     */
    public static String displayName(String raw, FileKind kind) {
        String name = clean(raw == null ? "" : raw);
        String base = name;
        String ext = null;
        int dot = name.lastIndexOf('.');
        if (dot > 0 && dot < name.length() - 1) {
            String candidate = name.substring(dot + 1);
            String lower = candidate.toLowerCase(Locale.ROOT);
            if (kind != null && kind.extensions().contains(lower)) {
                base = name.substring(0, dot);
                ext = lower;
            } else if (candidate.length() <= 8 && candidate.chars().allMatch(Character::isLetterOrDigit)) {
                base = name.substring(0, dot); // a wrong extension: dropped
            }
        }
        if (ext == null && kind != null) {
            // "photo.png.exe" -> base "photo.png": the inner extension may be the right one
            int inner = base.lastIndexOf('.');
            if (inner > 0 && kind.extensions().contains(base.substring(inner + 1).toLowerCase(Locale.ROOT))) {
                ext = base.substring(inner + 1).toLowerCase(Locale.ROOT);
                base = base.substring(0, inner);
            } else {
                ext = kind.extension();
            }
        }
        base = defuseInnerExtensions(base);
        base = trimEdges(base);
        if (base.isEmpty()) {
            base = "file";
        }
        if (WINDOWS_DEVICES.contains(base.toLowerCase(Locale.ROOT))) {
            base = "_" + base;
        }
        String suffix = ext == null ? "" : "." + ext;
        base = cap(base, MAX_LENGTH - suffix.length());
        return trimEdges(base).isEmpty() ? "file" + suffix : trimEdges(base) + suffix;
    }

    /** Folding, last segment, removal of what must never be shown; no extension logic. */
    static String clean(String raw) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(Math.min(s.length(), 4096));
        for (int i = 0; i < s.length() && out.length() < 4096; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isSurrogate((char) cp) && Character.charCount(cp) == 1) {
                continue; // unpaired surrogate
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                continue;
            }
            if (cp == '/' || cp == '\\' || cp == 0x2215 || cp == 0x2044 || cp == 0x29F8 || cp == 0x29F9) {
                out.setLength(0); // a path separator: keep only what follows it
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                continue;
            }
            if ("<>:\"|?*".indexOf(cp) >= 0 || cp == ';' || cp == '%' || cp == '`' || cp == '$') {
                out.append('_');
                continue;
            }
            out.appendCodePoint(cp);
        }
        return Normalizer.normalize(out.toString().strip(), Normalizer.Form.NFC);
    }

    private static String defuseInnerExtensions(String base) {
        String[] parts = base.split("\\.", -1);
        if (parts.length < 2) {
            return base;
        }
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(RISKY_EXTENSIONS.contains(parts[i].toLowerCase(Locale.ROOT).strip()) ? '_' : '.').append(parts[i]);
        }
        return b.toString();
    }

    private static String trimEdges(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || s.charAt(start) == ' ' || s.charAt(start) == '-')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(start, end);
    }

    /** At most {@code max} code points and, with the extension, within 255 UTF-8 bytes. */
    private static String cap(String s, int max) {
        int budgetBytes = MAX_UTF8_BYTES - 10;
        StringBuilder b = new StringBuilder();
        int count = 0;
        int bytes = 0;
        for (int i = 0; i < s.length() && count < max; ) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes + len > budgetBytes) {
                break;
            }
            b.appendCodePoint(cp);
            bytes += len;
            count++;
            i += Character.charCount(cp);
        }
        return b.toString();
    }
}
