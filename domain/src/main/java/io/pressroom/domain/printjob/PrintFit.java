package io.pressroom.domain.printjob;

import io.pressroom.domain.printer.Printer;
import java.util.List;
import java.util.UUID;

/**
 * Outbound port: whether a job's files can print on a printer (size at the file's real
 * dimensions, effective DPI). The Files area provides the real check; until then
 * {@link #none()} accepts everything (claims still route by size in SQL).
 */
public interface PrintFit {
    /** What keeps these files from printing on this printer; empty when they fit. */
    List<String> problems(UUID organizationId, Printer printer, List<UUID> fileIds);

    static PrintFit none() {
        return (organizationId, printer, fileIds) -> List.of();
    }
}
