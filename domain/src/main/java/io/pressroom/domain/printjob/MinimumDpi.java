package io.pressroom.domain.printjob;

import io.pressroom.domain.printer.Printer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The least effective DPI a job's raster files must reach, and where that figure comes from:
 * the canvas config the job names ({@code printConfig.canvasConfigId}), else the printer's
 * {@code dpi}. {@code sourceName} is for messages (the canvas config's or printer's name).
 */
public record MinimumDpi(int dpi, Source source, UUID sourceId, String sourceName) {

    public enum Source {
        CANVAS_CONFIG("canvas-config", "canvas config"),
        PRINTER("printer", "printer");

        private final String code;
        private final String noun;

        Source(String code, String noun) {
            this.code = code;
            this.noun = noun;
        }

        public String code() {
            return code;
        }
    }

    public MinimumDpi {
        if (dpi <= 0) {
            throw new IllegalArgumentException("dpi must be > 0, was " + dpi);
        }
        Objects.requireNonNull(source, "source");
        sourceName = sourceName == null || sourceName.isBlank() ? (sourceId == null ? "" : sourceId.toString()) : sourceName.strip();
    }

    public static MinimumDpi ofPrinter(Printer printer) {
        return new MinimumDpi(printer.dpi(), Source.PRINTER, printer.id(), printer.name());
    }

    public static MinimumDpi ofCanvasConfig(UUID id, String name, int dpi) {
        return new MinimumDpi(dpi, Source.CANVAS_CONFIG, id, name);
    }

    /** Where the figure comes from, for a message: {@code the dpi of canvas config "Gang sheet 22"}. */
    public String describe() {
        return sourceName.isEmpty() ? "the dpi of the " + source.noun : "the dpi of " + source.noun + " \"" + sourceName + "\"";
    }

    /** For a problem's data: {@code {dpi, from, id, name}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dpi", dpi);
        m.put("from", source.code());
        if (sourceId != null) {
            m.put("id", sourceId.toString());
        }
        m.put("name", sourceName);
        return m;
    }
}
