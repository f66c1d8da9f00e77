package io.pressroom.persistence.printjob;

import static io.pressroom.persistence.Times.instant;
import static io.pressroom.persistence.Times.utc;
import static io.pressroom.persistence.jooq.generated.Tables.CANVAS_CONFIGS;
import static io.pressroom.persistence.jooq.generated.Tables.FILES;
import static io.pressroom.persistence.jooq.generated.Tables.PRESSROOM_LAPSED_PRINT_JOB_ORGANIZATIONS;
import static io.pressroom.persistence.jooq.generated.Tables.PRINT_JOBS;
import static io.pressroom.persistence.jooq.generated.Tables.SHOPS;

import io.pressroom.domain.canvas.CanvasConfig;
import io.pressroom.domain.printjob.JobStatus;
import io.pressroom.domain.printjob.MinimumDpi;
import io.pressroom.domain.printjob.PrintJob;
import io.pressroom.domain.printjob.PrintJobRepository;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.persistence.Cursors;
import io.pressroom.persistence.JsonValues;
import io.pressroom.persistence.JooqTransactions;
import io.pressroom.persistence.Prerendered;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.persistence.jooq.generated.tables.records.PrintJobsRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

public final class JooqPrintJobRepository implements PrintJobRepository {
    private final DSLContext dsl;
    /** GET /api/print-jobs/{id} on every call: rendered once (see {@link Prerendered}). */
    private final Prerendered<PrintJobsRecord> find;

    private final JooqTransactions transactions;

    public JooqPrintJobRepository(DSLContext dsl, JooqTransactions transactions) {
        this.dsl = dsl;
        this.transactions = transactions;
        this.find = new Prerendered<>(dsl, PRINT_JOBS, dsl.selectFrom(PRINT_JOBS)
                .where(PRINT_JOBS.ORGANIZATION_ID.eq(DSL.param("organizationId", UUID.class)),
                        PRINT_JOBS.ID.eq(DSL.param("id", UUID.class))));
        this.pages = new Prerendered[4];
        for (int shape = 0; shape < 4; shape++) {
            Condition c = PRINT_JOBS.ORGANIZATION_ID.eq(DSL.param("organizationId", UUID.class));
            if ((shape & 1) != 0) {
                c = c.and(PRINT_JOBS.STATUS.eq(DSL.param("status", String.class)));
            }
            if ((shape & 2) != 0) {
                c = c.and(DSL.row(PRINT_JOBS.CREATED_AT, PRINT_JOBS.ID)
                        .lt(DSL.param("createdAt", java.time.LocalDateTime.class), DSL.param("id", UUID.class)));
            }
            pages[shape] = new Prerendered<>(dsl, PRINT_JOBS, dsl.selectFrom(PRINT_JOBS).where(c)
                    .orderBy(PRINT_JOBS.CREATED_AT.desc(), PRINT_JOBS.ID.desc())
                    .limit(DSL.param("limit", Integer.class)));
        }
    }

    /**
     * GET /api/print-jobs pages without a printer or shop filter, rendered once: index 1 with a
     * status, 2 after a cursor, 3 both (the same SQL as {@link #list} builds otherwise).
     */
    @SuppressWarnings("unchecked")
    private final Prerendered<PrintJobsRecord>[] pages;

    @Override
    public void insert(PrintJob job) {
        PrintJobsRecord r = dsl.newRecord(PRINT_JOBS);
        fill(r, job.snapshot());
        r.insert();
    }

    @Override
    public Optional<PrintJob> find(UUID organizationId, UUID id) {
        return find.fetchOptional(dsl, organizationId, id).map(JooqPrintJobRepository::toDomain);
    }

    /** BEGIN, the scope, the job's SELECT and COMMIT in one round trip ({@link JooqTransactions#fetchAlone}). */
    @Override
    public Optional<PrintJob> findAlone(TenantScope scope, UUID organizationId, UUID id) {
        List<PrintJobsRecord> rows = transactions.fetchAlone(scope, find, organizationId, id);
        if (rows.size() > 1) {
            throw new org.jooq.exception.TooManyRowsException("more than one row: " + find.sql());
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(toDomain(rows.get(0)));
    }

    @Override
    public Optional<PrintJob> lock(UUID organizationId, UUID id) {
        return dsl.selectFrom(PRINT_JOBS).where(PRINT_JOBS.ORGANIZATION_ID.eq(organizationId), PRINT_JOBS.ID.eq(id))
                .forUpdate().fetchOptional().map(JooqPrintJobRepository::toDomain);
    }

    @Override
    public void update(PrintJob job) {
        PrintJob.Snapshot s = job.snapshot();
        dsl.update(PRINT_JOBS)
                .set(PRINT_JOBS.PRINTER_ID, s.printerId())
                .set(PRINT_JOBS.JOB_NAME, s.jobName())
                .set(PRINT_JOBS.STATUS, s.status().wire())
                .set(PRINT_JOBS.PRIORITY, s.priority())
                .set(PRINT_JOBS.PROGRESS_PERCENTAGE, s.progressPercentage())
                .set(PRINT_JOBS.ESTIMATED_COMPLETION, utc(s.estimatedCompletion()))
                .set(PRINT_JOBS.STARTED_AT, utc(s.startedAt()))
                .set(PRINT_JOBS.COMPLETED_AT, utc(s.completedAt()))
                .set(PRINT_JOBS.ERROR_MESSAGE, s.errorMessage())
                .set(PRINT_JOBS.UPDATED_AT, utc(s.updatedAt()))
                .set(PRINT_JOBS.ATTEMPT, s.attempt())
                .set(PRINT_JOBS.LEASE_TOKEN, s.leaseToken())
                .set(PRINT_JOBS.LEASE_EXPIRES_AT, utc(s.leaseExpiresAt()))
                .set(PRINT_JOBS.CLAIMED_BY_PRINTER_ID, s.claimedByPrinterId())
                .where(PRINT_JOBS.ORGANIZATION_ID.eq(s.organizationId()), PRINT_JOBS.ID.eq(s.id()))
                .execute();
    }

    @Override
    public Page<PrintJob> list(UUID organizationId, JobFilter filter, PageRequest page) {
        return list(null, organizationId, filter, page);
    }

    /**
     * The pages rendered once (no printer or shop filter) in one round trip with their unit of work
     * ({@link JooqTransactions#fetchAlone}); the others in a unit of work as usual.
     */
    @Override
    public Page<PrintJob> listAlone(TenantScope scope, UUID organizationId, JobFilter filter, PageRequest page) {
        if (filter.printerId() != null || filter.shopId() != null) {
            return transactions.inTransaction(scope, () -> list(null, organizationId, filter, page));
        }
        return list(scope, organizationId, filter, page);
    }

    /** With {@code alone} (a scope), the prerendered pages run as a unit of work of their own. */
    private Page<PrintJob> list(TenantScope alone, UUID organizationId, JobFilter filter, PageRequest page) {
        Cursors.Position p = page.cursor() == null ? null : Cursors.decode(page.cursor());
        List<PrintJobsRecord> rows;
        if (filter.printerId() == null && filter.shopId() == null) {
            List<Object> values = new java.util.ArrayList<>(5);
            values.add(organizationId);
            if (filter.status() != null) {
                values.add(filter.status().wire());
            }
            if (p != null) {
                values.add(p.createdAt());
                values.add(p.id());
            }
            values.add(page.limit() + 1);
            Prerendered<PrintJobsRecord> shape = pages[(filter.status() != null ? 1 : 0) | (p != null ? 2 : 0)];
            rows = alone == null ? shape.fetch(dsl, values.toArray()) : transactions.fetchAlone(alone, shape, values.toArray());
        } else {
            rows = select(organizationId, filter, p, page.limit());
        }
        String next = null;
        if (rows.size() > page.limit()) {
            PrintJobsRecord last = rows.get(page.limit() - 1);
            next = Cursors.encode(last.getCreatedAt(), last.getId());
            rows = rows.subList(0, page.limit());
        }
        return new Page<>(rows.stream().map(JooqPrintJobRepository::toDomain).toList(), next);
    }

    private List<PrintJobsRecord> select(UUID organizationId, JobFilter filter, Cursors.Position p, int limit) {
        Condition c = PRINT_JOBS.ORGANIZATION_ID.eq(organizationId);
        if (filter.status() != null) {
            c = c.and(PRINT_JOBS.STATUS.eq(filter.status().wire()));
        }
        if (filter.printerId() != null) {
            c = c.and(PRINT_JOBS.PRINTER_ID.eq(filter.printerId()).or(PRINT_JOBS.CLAIMED_BY_PRINTER_ID.eq(filter.printerId())));
        }
        if (filter.shopId() != null) {
            c = c.and(PRINT_JOBS.SHOP_ID.eq(filter.shopId()));
        }
        if (p != null) {
            c = c.and(DSL.row(PRINT_JOBS.CREATED_AT, PRINT_JOBS.ID).lt(p.createdAt(), p.id()));
        }
        return dsl.selectFrom(PRINT_JOBS).where(c)
                .orderBy(PRINT_JOBS.CREATED_AT.desc(), PRINT_JOBS.ID.desc())
                .limit(limit + 1).fetch();
    }

    /**
     * One statement: pick the next pending job this printer can print, locked with SKIP
     * LOCKED (a row another claimer holds is passed over, never waited for), and move it to
     * printing with the lease. The rule is V15's {@code pressroom_claim_print_job} (one source
     * for this path and the agents' one-round-trip path); its pick walks
     * idx_print_jobs_claimable (pending rows of the organization in priority-then-age order).
     */
    @Override
    public Optional<PrintJob> claimNext(UUID organizationId, UUID printerId, UUID leaseToken, Instant leaseExpiresAt,
                                        Instant now) {
        return dsl.resultQuery("SELECT * FROM pressroom_claim_print_job(?::uuid, ?::uuid, ?::uuid, ?::timestamp, ?::timestamp)",
                        organizationId, printerId, leaseToken, utc(leaseExpiresAt), utc(now))
                .fetchInto(PRINT_JOBS).stream().findFirst()
                .map(JooqPrintJobRepository::toDomain);
    }

    @Override
    public List<UUID> lapsedOrganizations(Instant now, int limit) {
        return dsl.selectFrom(PRESSROOM_LAPSED_PRINT_JOB_ORGANIZATIONS(utc(now), limit)).fetch(0, UUID.class);
    }

    @Override
    public List<PrintJob> lockLapsed(UUID organizationId, Instant now, int limit) {
        return dsl.selectFrom(PRINT_JOBS)
                .where(PRINT_JOBS.ORGANIZATION_ID.eq(organizationId), PRINT_JOBS.STATUS.in("printing", "paused"),
                        PRINT_JOBS.LEASE_EXPIRES_AT.lt(utc(now)))
                .orderBy(PRINT_JOBS.LEASE_EXPIRES_AT)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(JooqPrintJobRepository::toDomain);
    }

    @Override
    public Set<UUID> missingFiles(UUID organizationId, Collection<UUID> fileIds) {
        Set<UUID> missing = new HashSet<>(fileIds);
        missing.removeAll(dsl.select(FILES.ID).from(FILES)
                .where(FILES.ORGANIZATION_ID.eq(organizationId), FILES.ID.in(fileIds)).fetchSet(FILES.ID));
        return missing;
    }

    @Override
    public boolean shopExists(UUID organizationId, UUID shopId) {
        return dsl.fetchExists(SHOPS, SHOPS.ORGANIZATION_ID.eq(organizationId), SHOPS.ID.eq(shopId));
    }

    @Override
    public Optional<MinimumDpi> canvasConfigDpi(UUID organizationId, UUID canvasConfigId) {
        return dsl.select(CANVAS_CONFIGS.NAME, CANVAS_CONFIGS.DPI).from(CANVAS_CONFIGS)
                .where(CANVAS_CONFIGS.ORGANIZATION_ID.eq(organizationId), CANVAS_CONFIGS.ID.eq(canvasConfigId))
                .fetchOptional(r -> MinimumDpi.ofCanvasConfig(canvasConfigId, r.value1(),
                        r.value2() == null ? CanvasConfig.DEFAULT_DPI : r.value2()));
    }

    private static void fill(PrintJobsRecord r, PrintJob.Snapshot s) {
        r.setId(s.id());
        r.setOrganizationId(s.organizationId());
        r.setCreatedByUserId(s.createdByUserId());
        r.setPrinterId(s.printerId());
        r.setShopId(s.shopId());
        r.setJobName(s.jobName());
        r.setStatus(s.status().wire());
        r.setPriority(s.priority());
        r.setFileIds(s.fileIds().toArray(UUID[]::new));
        r.setPrintConfig(JsonValues.toJsonb(s.printConfig()));
        r.setProgressPercentage(s.progressPercentage());
        r.setEstimatedCompletion(utc(s.estimatedCompletion()));
        r.setStartedAt(utc(s.startedAt()));
        r.setCompletedAt(utc(s.completedAt()));
        r.setErrorMessage(s.errorMessage());
        r.setCreatedAt(utc(s.createdAt()));
        r.setUpdatedAt(utc(s.updatedAt()));
        r.setAttempt(s.attempt());
        r.setLeaseToken(s.leaseToken());
        r.setLeaseExpiresAt(utc(s.leaseExpiresAt()));
        r.setClaimedByPrinterId(s.claimedByPrinterId());
    }

    static PrintJob toDomain(PrintJobsRecord r) {
        return PrintJob.restore(new PrintJob.Snapshot(r.getId(), r.getOrganizationId(), r.getCreatedByUserId(),
                r.getPrinterId(), r.getShopId(), r.getJobName(), JobStatus.parse(r.getStatus()),
                r.getPriority() == null ? 0 : r.getPriority(),
                r.getFileIds() == null ? List.of() : Arrays.asList(r.getFileIds()),
                JsonValues.readObject(r.getPrintConfig()),
                r.getProgressPercentage() == null ? 0 : r.getProgressPercentage(),
                instant(r.getEstimatedCompletion()), instant(r.getStartedAt()), instant(r.getCompletedAt()),
                r.getErrorMessage(), instant(r.getCreatedAt()), instant(r.getUpdatedAt()),
                r.getAttempt() == null ? 1 : r.getAttempt(), r.getLeaseToken(), instant(r.getLeaseExpiresAt()),
                r.getClaimedByPrinterId()));
    }
}
