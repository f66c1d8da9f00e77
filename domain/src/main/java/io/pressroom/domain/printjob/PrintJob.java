package io.pressroom.domain.printjob;

import io.pressroom.domain.shared.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A print job and its state machine. One method per transition; each checks first and
 * throws {@code Conflict print-job.invalid-transition} (changing nothing) when it does not
 * apply, and returns the {@link JobEvent} to audit when it does.
 *
 * <pre>
 * submit → pending ⇄ held (hold/release)
 * pending → printing (claim by an agent: lease token + expiry, attempt kept)
 * printing ⇄ paused (pause/resume by the agent); progress in either extends the lease
 * printing → completed | failed (agent); pending/held/printing/paused → cancelled (user)
 * printing/paused → pending with attempt + 1 when the lease lapses, or failed at the maximum
 * failed/cancelled → pending (retry: attempt back to 1, progress and times reset, like IPP Restart-Job)
 * </pre>
 *
 * Agent reports carry the lease token; a token that is not the job's current one (the lease
 * lapsed and the job moved on, or it was cancelled) is refused with
 * {@code Conflict print-job.stale-lease}, changing nothing. Attempts count from 1.
 */
public final class PrintJob {

    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 100;
    public static final int MAX_NAME_LENGTH = 500;
    /** The key of {@code printConfig} naming the job's canvas config. */
    public static final String CANVAS_CONFIG_ID = "canvasConfigId";
    public static final String TEMPLATE_ID = "templateId";

    private final UUID id;
    private final UUID organizationId;
    private final UUID createdByUserId;
    private UUID printerId;
    private final UUID shopId;
    private String jobName;
    private JobStatus status;
    private int priority;
    private final List<UUID> fileIds;
    private final Map<String, Object> printConfig;
    private int progressPercentage;
    private Instant estimatedCompletion;
    private Instant startedAt;
    private Instant completedAt;
    private String errorMessage;
    private final Instant createdAt;
    private Instant updatedAt;
    private int attempt;
    private UUID leaseToken;
    private Instant leaseExpiresAt;
    private UUID claimedByPrinterId;

    private PrintJob(Snapshot s) {
        this.id = Objects.requireNonNull(s.id(), "id");
        this.organizationId = Objects.requireNonNull(s.organizationId(), "organizationId");
        this.createdByUserId = s.createdByUserId();
        this.printerId = s.printerId();
        this.shopId = s.shopId();
        this.jobName = s.jobName();
        this.status = Objects.requireNonNull(s.status(), "status");
        this.priority = s.priority();
        this.fileIds = s.fileIds() == null ? List.of() : List.copyOf(s.fileIds());
        this.printConfig = s.printConfig() == null ? Map.of() : Map.copyOf(s.printConfig());
        this.progressPercentage = s.progressPercentage();
        this.estimatedCompletion = s.estimatedCompletion();
        this.startedAt = s.startedAt();
        this.completedAt = s.completedAt();
        this.errorMessage = s.errorMessage();
        this.createdAt = s.createdAt();
        this.updatedAt = s.updatedAt();
        this.attempt = s.attempt();
        this.leaseToken = s.leaseToken();
        this.leaseExpiresAt = s.leaseExpiresAt();
        this.claimedByPrinterId = s.claimedByPrinterId();
    }

    /** Every stored field, for reloading ({@link #restore}) and for persisting ({@link #snapshot}). */
    public record Snapshot(UUID id, UUID organizationId, UUID createdByUserId, UUID printerId, UUID shopId,
                           String jobName, JobStatus status, int priority, List<UUID> fileIds,
                           Map<String, Object> printConfig, int progressPercentage, Instant estimatedCompletion,
                           Instant startedAt, Instant completedAt, String errorMessage, Instant createdAt,
                           Instant updatedAt, int attempt, UUID leaseToken, Instant leaseExpiresAt,
                           UUID claimedByPrinterId) {}

    /** What a user asks for when submitting; validated by {@link #submit}. */
    public record Submission(String jobName, Integer priority, UUID printerId, UUID shopId, List<UUID> fileIds,
                             Map<String, Object> printConfig) {}

    /** A new pending job (attempt 1). Invalid input: {@code Invalid} naming the fields. */
    public static PrintJob submit(UUID id, UUID organizationId, UUID userId, Submission in, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = in.jobName() == null ? null : in.jobName().strip();
        if (name == null || name.isEmpty()) {
            errors.put("jobName", "jobName is required");
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.put("jobName", "jobName must be at most " + MAX_NAME_LENGTH + " characters, was " + name.length());
        }
        int priority = in.priority() == null ? 0 : in.priority();
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            errors.put("priority", "priority must be between 0 and 100, was " + priority);
        }
        List<UUID> files = in.fileIds() == null ? List.of() : in.fileIds();
        if (files.stream().anyMatch(Objects::isNull)) {
            errors.put("fileIds", "fileIds must not contain null");
        } else if (files.stream().distinct().count() != files.size()) {
            errors.put("fileIds", "fileIds must not repeat a file");
        }
        Object canvas = in.printConfig() == null ? null : in.printConfig().get(CANVAS_CONFIG_ID);
        if (canvas != null && uuid(canvas) == null) {
            errors.put("printConfig." + CANVAS_CONFIG_ID, "printConfig." + CANVAS_CONFIG_ID
                    + " must be the id (a UUID) of one of the organization's canvas configs, was " + describe(canvas));
        }
        Object template = in.printConfig() == null ? null : in.printConfig().get(TEMPLATE_ID);
        if (template != null && uuid(template) == null) {
            errors.put("printConfig." + TEMPLATE_ID, "printConfig." + TEMPLATE_ID
                    + " must be the id (a UUID) of a template, was " + describe(template));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid("validation.failed", String.join("; ", errors.values()), errors);
        }
        return new PrintJob(new Snapshot(id, organizationId, userId, in.printerId(), in.shopId(), name,
                JobStatus.PENDING, priority, new ArrayList<>(files), in.printConfig() == null ? Map.of() : in.printConfig(),
                0, null, null, null, null, now, now, 1, null, null, null));
    }

    public static PrintJob restore(Snapshot s) {
        return new PrintJob(s);
    }

    public Snapshot snapshot() {
        return new Snapshot(id, organizationId, createdByUserId, printerId, shopId, jobName, status, priority,
                fileIds, printConfig, progressPercentage, estimatedCompletion, startedAt, completedAt, errorMessage,
                createdAt, updatedAt, attempt, leaseToken, leaseExpiresAt, claimedByPrinterId);
    }

    public JobEvent submitted() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobName", jobName);
        data.put("fileIds", fileIds.stream().map(UUID::toString).toList());
        if (shopId != null) {
            data.put("shopId", shopId.toString());
        }
        return JobEvent.of("print_job.submitted", this, data);
    }

    // ---- user commands -------------------------------------------------------------------

    public JobEvent hold(Instant now) {
        require("hold", EnumSet.of(JobStatus.PENDING));
        status = JobStatus.HELD;
        return touched(now, "print_job.held", Map.of());
    }

    public JobEvent release(Instant now) {
        require("release", EnumSet.of(JobStatus.HELD));
        status = JobStatus.PENDING;
        return touched(now, "print_job.released", Map.of());
    }

    public JobEvent cancel(Instant now) {
        JobStatus from = status;
        require("cancel", EnumSet.of(JobStatus.PENDING, JobStatus.HELD, JobStatus.PRINTING, JobStatus.PAUSED));
        status = JobStatus.CANCELLED;
        clearLease();
        return touched(now, "print_job.cancelled", Map.of("from", from.wire()));
    }

    /** failed/cancelled → pending, as new: attempt 1, progress 0, times and error cleared. */
    public JobEvent retry(Instant now) {
        JobStatus from = status;
        require("retry", EnumSet.of(JobStatus.FAILED, JobStatus.CANCELLED));
        status = JobStatus.PENDING;
        attempt = 1;
        progressPercentage = 0;
        estimatedCompletion = null;
        startedAt = null;
        completedAt = null;
        errorMessage = null;
        clearLease();
        return touched(now, "print_job.retried", Map.of("from", from.wire()));
    }

    /**
     * A user's edit (PATCH): any of the new priority (0–100; not once the job has ended), the
     * printer it is assigned to (null field: unchanged; only while pending or held), and its
     * name. All checked before anything changes; one event lists what changed.
     */
    public JobEvent update(Integer newPriority, Assignment newPrinter, String newName, Instant now) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (newName != null) {
            String name = newName.strip();
            if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
                throw DomainException.Invalid.field("jobName", "jobName must be 1 to " + MAX_NAME_LENGTH + " characters");
            }
        }
        if (newPriority != null) {
            checkPriority(newPriority);
            require("reprioritize", EnumSet.of(JobStatus.PENDING, JobStatus.HELD, JobStatus.PRINTING, JobStatus.PAUSED));
        }
        if (newPrinter != null) {
            require("reassign", EnumSet.of(JobStatus.PENDING, JobStatus.HELD));
        }
        if (newName != null && !newName.strip().equals(jobName)) {
            changes.put("jobName", Map.of("from", jobName, "to", newName.strip()));
            jobName = newName.strip();
        }
        if (newPriority != null && newPriority != priority) {
            changes.put("priority", Map.of("from", priority, "to", newPriority));
            priority = newPriority;
        }
        if (newPrinter != null && !Objects.equals(newPrinter.printerId(), printerId)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("from", printerId == null ? null : printerId.toString());
            c.put("to", newPrinter.printerId() == null ? null : newPrinter.printerId().toString());
            changes.put("printerId", c);
            printerId = newPrinter.printerId();
        }
        return touched(now, "print_job.updated", Map.of("changes", changes));
    }

    /** The printer a job is assigned to; {@code printerId} null: unassigned (any fitting printer). */
    public record Assignment(UUID printerId) {}

    public JobEvent reprioritize(int newPriority, Instant now) {
        return update(newPriority, null, null, now);
    }

    public JobEvent reassign(UUID newPrinterId, Instant now) {
        return update(null, new Assignment(newPrinterId), null, now);
    }

    // ---- agent commands ------------------------------------------------------------------

    /**
     * The event of a claim made by the repository in one statement
     * ({@code PrintJobRepository.claimNext}, which applies {@link #claim}'s rule in SQL).
     */
    public JobEvent claimedEvent() {
        if (status != JobStatus.PRINTING || leaseExpiresAt == null) {
            throw invalid("claim");
        }
        return JobEvent.of("print_job.claimed", this, Map.of("leaseExpiresAt", leaseExpiresAt.toString()));
    }

    /** pending → printing on {@code printer}, holding the lease {@code token} until {@code expiresAt}. */
    public JobEvent claim(UUID printer, UUID token, Instant expiresAt, Instant now) {
        require("claim", EnumSet.of(JobStatus.PENDING));
        if (printerId != null && !printerId.equals(printer)) {
            throw new DomainException.Conflict("print-job.assigned-elsewhere",
                    "print job " + id + " is assigned to another printer");
        }
        status = JobStatus.PRINTING;
        claimedByPrinterId = Objects.requireNonNull(printer, "printer");
        leaseToken = Objects.requireNonNull(token, "token");
        leaseExpiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        startedAt = now;
        completedAt = null;
        progressPercentage = 0;
        estimatedCompletion = null;
        errorMessage = null;
        return touched(now, "print_job.claimed", Map.of("leaseExpiresAt", expiresAt.toString()));
    }

    /** A progress report (also a heartbeat while paused): extends the lease to {@code expiresAt}. */
    public JobEvent progress(UUID token, int percent, Instant eta, Instant expiresAt, Instant now) {
        if (percent < 0 || percent > 100) {
            throw DomainException.Invalid.field("percent", "percent must be between 0 and 100, was " + percent);
        }
        requireLease(token, "progress", EnumSet.of(JobStatus.PRINTING, JobStatus.PAUSED));
        progressPercentage = percent;
        estimatedCompletion = eta;
        leaseExpiresAt = expiresAt;
        return touched(now, "print_job.progress", Map.of());
    }

    public JobEvent pause(UUID token, Instant expiresAt, Instant now) {
        requireLease(token, "pause", EnumSet.of(JobStatus.PRINTING));
        status = JobStatus.PAUSED;
        leaseExpiresAt = expiresAt;
        return touched(now, "print_job.paused", Map.of());
    }

    public JobEvent resume(UUID token, Instant expiresAt, Instant now) {
        requireLease(token, "resume", EnumSet.of(JobStatus.PAUSED));
        status = JobStatus.PRINTING;
        leaseExpiresAt = expiresAt;
        return touched(now, "print_job.resumed", Map.of());
    }

    public JobEvent complete(UUID token, Instant now) {
        requireLease(token, "complete", EnumSet.of(JobStatus.PRINTING));
        status = JobStatus.COMPLETED;
        progressPercentage = 100;
        completedAt = now;
        estimatedCompletion = null;
        clearLease();
        return touched(now, "print_job.completed", Map.of());
    }

    public JobEvent fail(UUID token, String error, Instant now) {
        String message = error == null || error.isBlank() ? "the printer reported a failure" : error.strip();
        if (message.length() > 2000) {
            throw DomainException.Invalid.field("error", "error must be at most 2000 characters");
        }
        requireLease(token, "fail", EnumSet.of(JobStatus.PRINTING, JobStatus.PAUSED));
        status = JobStatus.FAILED;
        errorMessage = message;
        estimatedCompletion = null;
        clearLease();
        return touched(now, "print_job.failed", Map.of("error", message));
    }

    /**
     * The sweeper: the lease lapsed (no report since {@link #leaseExpiresAt()}), so the agent is
     * taken for dead. Back to pending with attempt + 1, or failed when this was the last allowed
     * attempt.
     */
    public JobEvent lapse(int maxAttempts, Instant now) {
        require("lapse", EnumSet.of(JobStatus.PRINTING, JobStatus.PAUSED));
        if (leaseExpiresAt != null && leaseExpiresAt.isAfter(now)) {
            throw new DomainException.Conflict("print-job.lease-active", "the lease of print job " + id + " has not lapsed");
        }
        UUID lostPrinter = claimedByPrinterId;
        clearLease();
        progressPercentage = 0;
        estimatedCompletion = null;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lapsedPrinterId", lostPrinter == null ? null : lostPrinter.toString());
        if (attempt >= maxAttempts) {
            status = JobStatus.FAILED;
            errorMessage = "the printer stopped reporting (lease lapsed) on attempt " + attempt + " of " + maxAttempts;
            data.put("error", errorMessage);
            return touched(now, "print_job.lease_lapsed", data);
        }
        status = JobStatus.PENDING;
        attempt = attempt + 1;
        startedAt = null;
        return touched(now, "print_job.lease_lapsed", data);
    }

    // ---- rules ----------------------------------------------------------------------------

    private void require(String command, Set<JobStatus> from) {
        if (!from.contains(status)) {
            throw invalid(command);
        }
    }

    private void requireLease(UUID token, String command, Set<JobStatus> from) {
        if (token == null || !token.equals(leaseToken)) {
            throw new DomainException.Conflict("print-job.stale-lease",
                    "the lease token is not the current lease of print job " + id
                            + " (the lease lapsed or the job moved on): " + command + " refused",
                    Map.of("jobStatus", status.wire()));
        }
        require(command, from);
    }

    private DomainException.Conflict invalid(String command) {
        return new DomainException.Conflict("print-job.invalid-transition",
                "cannot " + command + " a print job that is " + status.wire(),
                Map.of("jobStatus", status.wire(), "command", command));
    }

    private static void checkPriority(int p) {
        if (p < MIN_PRIORITY || p > MAX_PRIORITY) {
            throw DomainException.Invalid.field("priority", "priority must be between 0 and 100, was " + p);
        }
    }

    private void clearLease() {
        leaseToken = null;
        leaseExpiresAt = null;
    }

    private JobEvent touched(Instant now, String type, Map<String, Object> extra) {
        updatedAt = now;
        return JobEvent.of(type, this, extra);
    }

    // ---- reading ---------------------------------------------------------------------------

    public UUID id() { return id; }
    public UUID organizationId() { return organizationId; }
    public UUID createdByUserId() { return createdByUserId; }
    public UUID printerId() { return printerId; }
    public UUID shopId() { return shopId; }
    public String jobName() { return jobName; }
    public JobStatus status() { return status; }
    public int priority() { return priority; }
    public List<UUID> fileIds() { return fileIds; }
    public Map<String, Object> printConfig() { return printConfig; }
    public int progressPercentage() { return progressPercentage; }
    public Instant estimatedCompletion() { return estimatedCompletion; }
    public Instant startedAt() { return startedAt; }
    public Instant completedAt() { return completedAt; }
    public String errorMessage() { return errorMessage; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public int attempt() { return attempt; }
    public UUID leaseToken() { return leaseToken; }
    public Instant leaseExpiresAt() { return leaseExpiresAt; }
    /** The printer that claimed the job last (kept after the lease ends, for history and agent reports); null if never claimed. */
    public UUID claimedByPrinterId() { return claimedByPrinterId; }

    /**
     * The canvas config the job prints to, when its print config names one
     * ({@code canvasConfigId}): its DPI is the job's minimum effective DPI (checked at submission).
     */
    public UUID canvasConfigId() {
        Object raw = printConfig.get(CANVAS_CONFIG_ID);
        return raw == null ? null : uuid(raw);
    }

    private static UUID uuid(Object raw) {
        if (!(raw instanceof String text) || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(Object raw) {
        String text = raw instanceof String ? "\"" + raw + "\"" : String.valueOf(raw);
        return text.length() > 60 ? text.substring(0, 57) + "…" : text;
    }

    /**
     * The template the job prints on, when its print config names one ({@code templateId}; a
     * submission refuses one that is not a UUID, a row written before that check may hold one:
     * then none).
     */
    public UUID templateId() {
        Object raw = printConfig.get(TEMPLATE_ID);
        return raw == null ? null : uuid(raw);
    }
}
