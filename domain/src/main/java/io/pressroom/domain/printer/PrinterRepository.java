package io.pressroom.domain.printer;

import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Outbound port: an organization's printers (every method names the organization). */
public interface PrinterRepository {
    Optional<Printer> find(UUID organizationId, UUID id);

    Page<Printer> list(UUID organizationId, PageRequest page);

    void insert(Printer printer);

    void update(Printer printer);

    /** Makes every other printer of the organization non-default (before one becomes default). */
    void clearDefault(UUID organizationId, UUID exceptPrinterId);

    /** Deletes the printer, its keys, and its reference from finished jobs; false when absent. */
    boolean delete(UUID organizationId, UUID id);

    /** Jobs not yet ended that are assigned to or leased by the printer. */
    int unfinishedJobs(UUID organizationId, UUID printerId);

    /** The ids among {@code templateIds} that name no template. */
    Set<UUID> missingTemplates(Collection<UUID> templateIds);

    void touchLastSeen(UUID organizationId, UUID printerId, Instant at);
}
