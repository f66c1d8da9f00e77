package io.pressroom.domain.file;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Pressroom knows of a file's content ({@code files.file_metadata}, keys as in
 * DEVELOPERS.md "Shared data shapes"): its kind, pixel size and resolution when it says so, and
 * the physical size that follows (pixels ÷ DPI). Absent values are null ({@code kind} too, for a
 * row written by something else with a type Pressroom does not know).
 */
public record FileMetadata(FileKind kind, Integer widthPx, Integer heightPx, Integer dpiX, Integer dpiY) {

    public FileMetadata {
        if (dpiX != null && dpiX <= 0) {
            dpiX = null;
        }
        if (dpiY != null && dpiY <= 0) {
            dpiY = null;
        }
    }

    public static FileMetadata kindOnly(FileKind kind) {
        return new FileMetadata(kind, null, null, null, null);
    }

    public boolean hasPixels() {
        return widthPx != null && heightPx != null;
    }

    public boolean hasDpi() {
        return dpiX != null && dpiY != null;
    }

    /** Physical width: pixels ÷ DPI (null without both). */
    public Double widthInches() {
        return widthPx == null || dpiX == null ? null : round(widthPx / (double) dpiX);
    }

    public Double heightInches() {
        return heightPx == null || dpiY == null ? null : round(heightPx / (double) dpiY);
    }

    private static double round(double v) {
        return Math.round(v * 10_000d) / 10_000d;
    }

    /** The JSON shape stored in {@code files.file_metadata}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (kind != null) {
            m.put("kind", kind.wire());
        }
        if (widthPx != null) {
            m.put("widthPx", widthPx);
        }
        if (heightPx != null) {
            m.put("heightPx", heightPx);
        }
        if (dpiX != null) {
            m.put("dpiX", dpiX);
        }
        if (dpiY != null) {
            m.put("dpiY", dpiY);
        }
        if (widthInches() != null) {
            m.put("widthInches", widthInches());
        }
        if (heightInches() != null) {
            m.put("heightInches", heightInches());
        }
        return m;
    }

    /** Reads the stored shape back; {@code fallbackKind} when the map names none (rows written elsewhere). */
    public static FileMetadata fromMap(Map<String, Object> m, FileKind fallbackKind) {
        FileKind kind = m.get("kind") instanceof String s ? FileKind.fromWire(s).orElse(fallbackKind) : fallbackKind;
        return new FileMetadata(kind, integer(m.get("widthPx")), integer(m.get("heightPx")),
                integer(m.get("dpiX")), integer(m.get("dpiY")));
    }

    private static Integer integer(Object o) {
        return o instanceof Number n ? Integer.valueOf((int) Math.round(n.doubleValue())) : null;
    }
}
