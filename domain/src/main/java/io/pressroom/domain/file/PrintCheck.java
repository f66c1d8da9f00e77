package io.pressroom.domain.file;

import io.pressroom.domain.printjob.MinimumDpi;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Transactions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Does a set of files fit a printer, at a good enough resolution? A raster file fits when its
 * physical size (pixels ÷ its DPI) fits the printer's {@code maxWidthInches × maxHeightInches}
 * in either orientation; it is sharp enough when its effective DPI (the lower of its X and Y
 * DPI) reaches the minimum — the canvas config's DPI when the job names one
 * ({@code printConfig.canvasConfigId}), else the printer's; every reason says which DPI was
 * required and where it came from ({@link MinimumDpi}). A file that states no DPI is sized at
 * the minimum DPI (the largest it may print sharply). Vector files (PDF, SVG) and files without
 * pixel sizes scale and always pass.
 */
public final class PrintCheck {

    private static final double EPSILON = 1e-6;

    private final Transactions transactions;
    private final FileRepository files;

    public PrintCheck(Transactions transactions, FileRepository files) {
        this.transactions = transactions;
        this.files = files;
    }

    /**
     * Loads the caller's organization's files and checks them (an unknown id is a reason too).
     * {@code minimum}: null for the target's DPI.
     */
    public PrintCheckResult check(Caller caller, Collection<UUID> fileIds, PrintTarget target, MinimumDpi minimum) {
        caller.requireOrganization();
        List<StoredFile> found = transactions.inTransaction(caller.scope(),
                () -> files.findAll(caller.organizationId(), fileIds));
        List<PrintCheckResult.Reason> reasons = new ArrayList<>();
        for (UUID id : fileIds) {
            if (found.stream().noneMatch(f -> f.id().equals(id))) {
                reasons.add(new PrintCheckResult.Reason(id, "file.not-found", "file " + id + " was not found"));
            }
        }
        reasons.addAll(check(found, target, minimum).reasons());
        return new PrintCheckResult(reasons);
    }

    /** The same check, refusing with 409 {@code print-job.print-check-failed} and the reasons. */
    public void requirePrintable(Caller caller, Collection<UUID> fileIds, PrintTarget target, MinimumDpi minimum) {
        PrintCheckResult result = check(caller, fileIds, target, minimum);
        if (!result.ok()) {
            throw failure(result);
        }
    }

    public static DomainException.Conflict failure(PrintCheckResult result) {
        String summary = result.reasons().size() == 1 ? result.reasons().get(0).message()
                : result.reasons().size() + " files cannot be printed as asked: "
                        + String.join("; ", result.reasons().stream().map(PrintCheckResult.Reason::message).toList());
        return new DomainException.Conflict("print-job.print-check-failed", summary, Map.of("reasons", result.toMaps()));
    }

    /**
     * The pure check over files already loaded. {@code target}: the printer the files must fit,
     * or null to check the DPI only (a job without a printer yet); {@code minimum}: the least
     * effective DPI and where it comes from, or null for the target's DPI (one of the two is needed).
     */
    public static PrintCheckResult check(Collection<StoredFile> files, PrintTarget target, MinimumDpi minimum) {
        if (minimum == null) {
            if (target == null) {
                throw new IllegalArgumentException("a print check needs a printer or a minimum DPI");
            }
            minimum = new MinimumDpi(target.dpi(), MinimumDpi.Source.PRINTER, null, target.name());
        }
        int required = minimum.dpi();
        List<PrintCheckResult.Reason> reasons = new ArrayList<>();
        for (StoredFile f : files) {
            FileMetadata m = f.metadata();
            if (!m.hasPixels()) {
                continue;
            }
            String name = "file " + f.displayName();
            if (m.hasDpi()) {
                int effective = Math.min(m.dpiX(), m.dpiY());
                String at = m.dpiX().equals(m.dpiY()) ? effective + " dpi"
                        : effective + " dpi (effective: the lower of " + m.dpiX() + " × " + m.dpiY() + " dpi)";
                double w = m.widthPx() / (double) m.dpiX();
                double h = m.heightPx() / (double) m.dpiY();
                if (target != null && !fits(w, h, target)) {
                    reasons.add(new PrintCheckResult.Reason(f.id(), "file.too-large",
                            name + " is " + inches(w) + " × " + inches(h) + " in at " + at + "; "
                                    + target.name() + " takes at most " + number(target.maxWidthInches()) + " × "
                                    + number(target.maxHeightInches()) + " in"));
                }
                if (effective < required) {
                    double atW = m.widthPx() / (double) required;
                    double atH = m.heightPx() / (double) required;
                    reasons.add(new PrintCheckResult.Reason(f.id(), "file.dpi-too-low",
                            name + " is " + inches(w) + " × " + inches(h) + " in at " + at + "; at least "
                                    + required + " dpi is needed, " + minimum.describe() + " (at " + required
                                    + " dpi it would print at " + inches(atW) + " × " + inches(atH) + " in)"));
                }
            } else if (target != null) {
                double w = m.widthPx() / (double) required;
                double h = m.heightPx() / (double) required;
                if (!fits(w, h, target)) {
                    reasons.add(new PrintCheckResult.Reason(f.id(), "file.too-large",
                            name + " states no DPI; at " + required + " dpi (" + minimum.describe() + ") its "
                                    + m.widthPx() + " × " + m.heightPx() + " px make " + inches(w) + " × " + inches(h)
                                    + " in; " + target.name() + " takes at most " + number(target.maxWidthInches()) + " × "
                                    + number(target.maxHeightInches()) + " in"));
                }
            }
        }
        return new PrintCheckResult(reasons);
    }

    /** Whether {@code widthInches × heightInches} fits the target in either orientation. */
    public static boolean fits(double widthInches, double heightInches, PrintTarget target) {
        return (widthInches <= target.maxWidthInches() + EPSILON && heightInches <= target.maxHeightInches() + EPSILON)
                || (widthInches <= target.maxHeightInches() + EPSILON && heightInches <= target.maxWidthInches() + EPSILON);
    }

    private static String inches(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }
}
