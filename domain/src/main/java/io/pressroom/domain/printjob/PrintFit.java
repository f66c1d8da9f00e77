package io.pressroom.domain.printjob;

import io.pressroom.domain.printer.Printer;
import java.util.List;
import java.util.UUID;

/**
 * Outbound port: whether a job's files can print (size at the file's real dimensions on a
 * printer, effective DPI against a minimum). The Files area provides the real check;
 * {@link #none()} accepts everything (claims still route by size in SQL).
 */
public interface PrintFit {
    /**
     * What keeps these files from printing; empty when they fit. {@code printer}: the printer
     * whose size they must fit, or null when the job has none yet (then only the DPI is
     * checked). {@code minimum}: the least effective DPI, never null (the canvas config's or the
     * printer's, see {@link MinimumDpi}).
     */
    List<String> problems(UUID organizationId, Printer printer, List<UUID> fileIds, MinimumDpi minimum);

    static PrintFit none() {
        return (organizationId, printer, fileIds, minimum) -> List.of();
    }
}
