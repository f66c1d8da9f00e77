package io.pressroom.domain.file;

/**
 * What a print check needs of a printer: its name (for messages), the largest area it prints
 * and its resolution (the default minimum effective DPI).
 */
public record PrintTarget(String name, double maxWidthInches, double maxHeightInches, int dpi) {
    public PrintTarget {
        if (!(maxWidthInches > 0)) {
            throw new IllegalArgumentException("maxWidthInches must be > 0, was " + maxWidthInches);
        }
        if (!(maxHeightInches > 0)) {
            throw new IllegalArgumentException("maxHeightInches must be > 0, was " + maxHeightInches);
        }
        if (dpi <= 0) {
            throw new IllegalArgumentException("dpi must be > 0, was " + dpi);
        }
        name = name == null || name.isBlank() ? "the printer" : name;
    }
}
