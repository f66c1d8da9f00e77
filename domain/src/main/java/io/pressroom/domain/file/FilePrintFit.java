package io.pressroom.domain.file;

import io.pressroom.domain.printer.Printer;
import io.pressroom.domain.printjob.MinimumDpi;
import io.pressroom.domain.printjob.PrintFit;
import java.util.List;
import java.util.UUID;

/**
 * The queue's {@link PrintFit} answered by {@link PrintCheck}: the job's files read from the
 * organization's {@code files} rows (inside the caller's unit of work), checked against the
 * printer's size (either orientation, when the job has a printer) and the minimum effective DPI
 * the queue resolved (the job's canvas config's, else the printer's).
 */
public final class FilePrintFit implements PrintFit {
    private final FileRepository files;

    public FilePrintFit(FileRepository files) {
        this.files = files;
    }

    @Override
    public List<String> problems(UUID organizationId, Printer printer, List<UUID> fileIds, MinimumDpi minimum) {
        if (fileIds == null || fileIds.isEmpty()) {
            return List.of();
        }
        PrintTarget target = printer == null ? null
                : new PrintTarget(printer.name(), printer.maxWidthInches(), printer.maxHeightInches(), printer.dpi());
        return PrintCheck.check(files.findAll(organizationId, fileIds), target, minimum).reasons().stream()
                .map(PrintCheckResult.Reason::message)
                .toList();
    }
}
