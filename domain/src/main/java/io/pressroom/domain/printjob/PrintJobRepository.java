package io.pressroom.domain.printjob;

import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.TenantScope;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Outbound port: an organization's print jobs (every method names the organization but {@link #lapsedOrganizations}). */
public interface PrintJobRepository {
    void insert(PrintJob job);

    Optional<PrintJob> find(UUID organizationId, UUID id);

    /**
     * {@link #find} as a unit of work of its own under {@code scope}: the same tenant transaction
     * as {@code transactions.inTransaction(scope, () -> find(organizationId, id))}, which the
     * adapter may send to the database in one round trip (GET /api/print-jobs/{id}). Inside a
     * unit of work it joins it (as a nested one).
     */
    Optional<PrintJob> findAlone(TenantScope scope, UUID organizationId, UUID id);

    /** The job, locked for this unit of work (FOR UPDATE). */
    Optional<PrintJob> lock(UUID organizationId, UUID id);

    void update(PrintJob job);

    Page<PrintJob> list(UUID organizationId, JobFilter filter, PageRequest page);

    /** {@link #list} as a unit of work of its own under {@code scope} (see {@link #findAlone}). */
    Page<PrintJob> listAlone(TenantScope scope, UUID organizationId, JobFilter filter, PageRequest page);

    /**
     * The claim, in one statement: the next pending job this printer can print (assigned to it,
     * or unassigned and fitting: its files fit the printer's size in either orientation, its
     * template is supported), by priority then age, locked with SKIP LOCKED so two claimers
     * never get the same job, moved to printing with this lease. Empty when there is none, or
     * the printer is inactive or gone. The transition is {@link PrintJob#claim}'s, done in SQL
     * so that a claim is a single round trip.
     */
    Optional<PrintJob> claimNext(UUID organizationId, UUID printerId, UUID leaseToken, Instant leaseExpiresAt, Instant now);

    /** Organizations that have jobs whose lease lapsed before {@code now} (read without a tenant: the sweeper). */
    List<UUID> lapsedOrganizations(Instant now, int limit);

    /** Up to {@code limit} of the organization's jobs whose lease lapsed, locked (SKIP LOCKED: a reporting agent wins). */
    List<PrintJob> lockLapsed(UUID organizationId, Instant now, int limit);

    /** The ids among {@code fileIds} that are not files of the organization. */
    Set<UUID> missingFiles(UUID organizationId, Collection<UUID> fileIds);

    boolean shopExists(UUID organizationId, UUID shopId);

    /**
     * The DPI of the organization's canvas config {@code canvasConfigId} as a job's minimum
     * (a legacy row without a DPI: the default, 300); empty when the organization has no such
     * canvas config (another organization's, or a legacy row not adopted into one).
     */
    Optional<MinimumDpi> canvasConfigDpi(UUID organizationId, UUID canvasConfigId);

    /** Filters of a job list; null: any. */
    record JobFilter(JobStatus status, UUID printerId, UUID shopId) {
        public static JobFilter none() {
            return new JobFilter(null, null, null);
        }
    }
}
