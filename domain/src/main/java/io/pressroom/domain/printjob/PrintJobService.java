package io.pressroom.domain.printjob;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.printer.AgentPresence;
import io.pressroom.domain.printer.Printer;
import io.pressroom.domain.printer.PrinterRepository;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The print-job use cases: members submit and steer jobs, agents claim and report, the
 * sweeper rescues jobs of dead agents, and members watch it all live. Each use case is one
 * unit of work writing one audit event per job transition; after it commits, the
 * {@link JobFeed} is told so that every server instance streams it.
 */
public final class PrintJobService implements ManagePrintJobs, RunPrintJobs, SweepLapsedLeases, WatchPrintJobs {
    private static final int SWEEP_BATCH = 500;

    private final Transactions tx;
    private final PrintJobRepository jobs;
    private final PrinterRepository printers;
    private final AuditLog audit;
    private final PrintFit fit;
    private final JobFeed feed;
    private final AgentPresence presence;
    private final QueueSettings settings;
    private final Clock clock;
    private final AgentHotPath hotPath;

    public PrintJobService(Transactions tx, PrintJobRepository jobs, PrinterRepository printers, AuditLog audit,
                           PrintFit fit, JobFeed feed, QueueSettings settings, Clock clock) {
        this(tx, jobs, printers, audit, fit, feed, settings, clock, null);
    }

    /** With {@code hotPath} (may be null): the agents' claim and completeAndClaimNext in one round trip each. */
    public PrintJobService(Transactions tx, PrintJobRepository jobs, PrinterRepository printers, AuditLog audit,
                           PrintFit fit, JobFeed feed, QueueSettings settings, Clock clock, AgentHotPath hotPath) {
        this.hotPath = hotPath;
        this.tx = tx;
        this.jobs = jobs;
        this.printers = printers;
        this.audit = audit;
        this.fit = fit;
        this.feed = feed;
        this.settings = settings;
        this.clock = clock;
        this.presence = new AgentPresence(printers, settings.lease().dividedBy(4));
    }

    // ---- members ---------------------------------------------------------------------------

    @Override
    public PrintJob submit(Caller caller, PrintJob.Submission in) {
        caller.requireMember();
        caller.requireWritable();
        PrintJob job = tx.inTransaction(caller.scope(), () -> {
            UUID org = caller.organizationId();
            PrintJob j = PrintJob.submit(UUID.randomUUID(), org, caller.userId(), in, now());
            if (!j.fileIds().isEmpty()) {
                Set<UUID> missing = jobs.missingFiles(org, j.fileIds());
                if (!missing.isEmpty()) {
                    throw DomainException.Invalid.field("fileIds", "no file of this organization has the id(s) " + missing);
                }
            }
            if (j.shopId() != null && !jobs.shopExists(org, j.shopId())) {
                throw DomainException.Invalid.field("shopId", "no shop of this organization has the id " + j.shopId());
            }
            if (j.templateId() != null && !printers.missingTemplates(List.of(j.templateId())).isEmpty()) {
                throw DomainException.Invalid.field("printConfig.templateId", "no template has the id " + j.templateId());
            }
            MinimumDpi canvas = null;
            if (j.canvasConfigId() != null) {
                canvas = jobs.canvasConfigDpi(org, j.canvasConfigId()).orElseThrow(() -> DomainException.Invalid.field(
                        "printConfig." + PrintJob.CANVAS_CONFIG_ID,
                        "no canvas config of this organization has the id " + j.canvasConfigId()));
            }
            if (j.printerId() != null) {
                checkPrinter(org, j.printerId(), j, canvas);
            } else if (canvas != null) {
                checkFit(org, null, j, canvas); // no printer yet: the canvas config's DPI still holds
            }
            jobs.insert(j);
            JobEvent e = j.submitted();
            audit.record(caller, e.eventType(), JobEvent.ENTITY_TYPE, j.id(), e.data());
            return j;
        });
        feed.changed(caller.organizationId());
        return job;
    }

    /**
     * The job's printer must exist, support its template and take its files: their size (either
     * orientation) and their effective DPI against {@code canvas} (the job's canvas config's DPI)
     * or, without one, the printer's DPI.
     */
    private void checkPrinter(UUID org, UUID printerId, PrintJob j, MinimumDpi canvas) {
        Printer p = printers.find(org, printerId).orElseThrow(() ->
                DomainException.Invalid.field("printerId", "no printer of this organization has the id " + printerId));
        if (!p.supportsTemplate(j.templateId())) {
            throw DomainException.Invalid.field("printConfig.templateId",
                    "printer " + printerId + " does not support template " + j.templateId());
        }
        checkFit(org, p, j, canvas != null ? canvas : MinimumDpi.ofPrinter(p));
    }

    private void checkFit(UUID org, Printer p, PrintJob j, MinimumDpi minimum) {
        List<String> problems = fit.problems(org, p, j.fileIds(), minimum);
        if (!problems.isEmpty()) { // 409 with the reasons a user can act on (the files' print check)
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("reasons", problems);
            if (p != null) {
                data.put("printerId", p.id().toString());
            }
            data.put("minimumDpi", minimum.toMap());
            throw new DomainException.Conflict("print-job.print-check-failed", String.join("; ", problems), data);
        }
    }

    @Override
    public PrintJob get(Caller caller, UUID jobId) {
        caller.requireMember();
        return jobs.findAlone(caller.scope(), caller.organizationId(), jobId).orElseThrow(() -> notFound(jobId));
    }

    @Override
    public Page<PrintJob> list(Caller caller, PrintJobRepository.JobFilter filter, PageRequest page) {
        caller.requireMember();
        return jobs.listAlone(caller.scope(), caller.organizationId(),
                filter == null ? PrintJobRepository.JobFilter.none() : filter, page);
    }

    @Override
    public PrintJob hold(Caller caller, UUID jobId) {
        return byMember(caller, jobId, (j, now) -> j.hold(now));
    }

    @Override
    public PrintJob release(Caller caller, UUID jobId) {
        return byMember(caller, jobId, (j, now) -> j.release(now));
    }

    @Override
    public PrintJob cancel(Caller caller, UUID jobId) {
        return byMember(caller, jobId, (j, now) -> j.cancel(now));
    }

    @Override
    public PrintJob retry(Caller caller, UUID jobId) {
        return byMember(caller, jobId, (j, now) -> j.retry(now));
    }

    @Override
    public PrintJob update(Caller caller, UUID jobId, Integer priority, PrintJob.Assignment assignment, String jobName) {
        return byMember(caller, jobId, (j, now) -> {
            JobEvent e = j.update(priority, assignment, jobName, now);
            if (assignment != null && assignment.printerId() != null) {
                // the job's canvas config's DPI when it still exists (deleted since: the printer's)
                MinimumDpi canvas = j.canvasConfigId() == null ? null
                        : jobs.canvasConfigDpi(j.organizationId(), j.canvasConfigId()).orElse(null);
                checkPrinter(j.organizationId(), assignment.printerId(), j, canvas);
            }
            return e;
        });
    }

    private PrintJob byMember(Caller caller, UUID jobId, BiFunction<PrintJob, Instant, JobEvent> transition) {
        caller.requireMember();
        caller.requireWritable();
        PrintJob job = tx.inTransaction(caller.scope(), () -> {
            PrintJob j = jobs.lock(caller.organizationId(), jobId).orElseThrow(() -> notFound(jobId));
            apply(caller, j, transition.apply(j, now()));
            return j;
        });
        feed.changed(caller.organizationId());
        return job;
    }

    private void apply(Caller caller, PrintJob j, JobEvent e) {
        jobs.update(j);
        audit.record(caller, j.organizationId(), e.eventType(), JobEvent.ENTITY_TYPE, j.id(), e.data());
    }

    // ---- agents ----------------------------------------------------------------------------

    @Override
    public Optional<PrintJob> claim(Caller agent, UUID printerId) {
        requireAgentOf(agent, printerId);
        if (!agent.organizationActive()) {
            return Optional.empty(); // a deactivated organization's printers claim nothing
        }
        Optional<PrintJob> claimed;
        if (hotPath != null) {
            Instant now = now();
            claimed = hotPath.claim(agent, UUID.randomUUID(), now.plus(settings.lease()), now,
                    presence.due(agent.printerId(), now));
        } else {
            claimed = tx.inTransaction(agent.scope(), () -> claimNext(agent));
        }
        claimed.ifPresent(j -> feed.changed(agent.organizationId()));
        return claimed;
    }

    private Optional<PrintJob> claimNext(Caller agent) {
        Instant now = now();
        presence.seen(agent.organizationId(), agent.printerId(), now);
        Optional<PrintJob> j = jobs.claimNext(agent.organizationId(), agent.printerId(), UUID.randomUUID(),
                now.plus(settings.lease()), now);
        j.ifPresent(job -> {
            JobEvent e = job.claimedEvent();
            audit.record(agent, e.eventType(), JobEvent.ENTITY_TYPE, job.id(), e.data());
        });
        return j;
    }

    @Override
    public PrintJob progress(Caller agent, UUID jobId, UUID token, int percent, Instant eta) {
        return byAgent(agent, jobId, (j, now) -> j.progress(token, percent, eta, now.plus(settings.lease()), now));
    }

    @Override
    public PrintJob pause(Caller agent, UUID jobId, UUID token) {
        return byAgent(agent, jobId, (j, now) -> j.pause(token, now.plus(settings.lease()), now));
    }

    @Override
    public PrintJob resume(Caller agent, UUID jobId, UUID token) {
        return byAgent(agent, jobId, (j, now) -> j.resume(token, now.plus(settings.lease()), now));
    }

    @Override
    public PrintJob complete(Caller agent, UUID jobId, UUID token) {
        return byAgent(agent, jobId, (j, now) -> j.complete(token, now));
    }

    @Override
    public PrintJob fail(Caller agent, UUID jobId, UUID token, String error) {
        return byAgent(agent, jobId, (j, now) -> j.fail(token, error, now));
    }

    @Override
    public Optional<PrintJob> completeAndClaimNext(Caller agent, UUID jobId, UUID token) {
        requireAgent(agent);
        agent.requireWritable();
        if (hotPath != null) {
            // the optimistic path: one round trip when the completion's precondition holds; when
            // it does not, nothing changed and the domain path below gives the precise 404/409
            Instant now = now();
            Optional<AgentHotPath.Completed> done = hotPath.completeAndClaimNext(agent, jobId, token, UUID.randomUUID(),
                    now.plus(settings.lease()), now, presence.due(agent.printerId(), now));
            if (done.isPresent()) {
                feed.changed(agent.organizationId());
                return done.get().next();
            }
        }
        Optional<PrintJob> next = tx.inTransaction(agent.scope(), () -> {
            PrintJob j = agentJob(agent, jobId);
            apply(agent, j, j.complete(token, now()));
            return claimNext(agent);
        });
        feed.changed(agent.organizationId());
        return next;
    }

    private PrintJob byAgent(Caller agent, UUID jobId, BiFunction<PrintJob, Instant, JobEvent> transition) {
        requireAgent(agent);
        agent.requireWritable();
        PrintJob job = tx.inTransaction(agent.scope(), () -> {
            PrintJob j = agentJob(agent, jobId);
            Instant now = now();
            apply(agent, j, transition.apply(j, now));
            presence.seen(agent.organizationId(), agent.printerId(), now);
            return j;
        });
        feed.changed(agent.organizationId());
        return job;
    }

    /** A job this agent's printer claimed or is assigned; any other job is not found (keys are per printer). */
    private PrintJob agentJob(Caller agent, UUID jobId) {
        return jobs.lock(agent.organizationId(), jobId)
                .filter(j -> agent.printerId().equals(j.claimedByPrinterId()) || agent.printerId().equals(j.printerId()))
                .orElseThrow(() -> notFound(jobId));
    }

    private static void requireAgent(Caller agent) {
        if (!agent.isAgent() || agent.organizationId() == null) {
            throw new DomainException.Forbidden("printer-key.required", "only a printer's agent (printer key) may do this");
        }
    }

    private static void requireAgentOf(Caller agent, UUID printerId) {
        requireAgent(agent);
        if (!agent.printerId().equals(printerId)) {
            throw DomainException.NotFound.of("printer", printerId);
        }
    }

    // ---- sweeper ---------------------------------------------------------------------------

    @Override
    public int sweep() {
        Instant now = now();
        List<UUID> orgs = tx.inTransaction(TenantScope.system(), () -> jobs.lapsedOrganizations(now, 1000));
        int swept = 0;
        for (UUID org : orgs) {
            Caller system = Caller.system().inOrganization(org, null);
            int n = tx.inTransaction(system.scope(), () -> {
                List<PrintJob> lapsed = jobs.lockLapsed(org, now, SWEEP_BATCH);
                for (PrintJob j : lapsed) {
                    apply(system, j, j.lapse(settings.maxAttempts(), now));
                }
                return lapsed.size();
            });
            if (n > 0) {
                feed.changed(org);
            }
            swept += n;
        }
        return swept;
    }

    // ---- live ------------------------------------------------------------------------------

    @Override
    public AutoCloseable watch(Caller caller, UUID jobId, Long lastEventId,
                               java.util.function.Consumer<JobUpdate> sink) {
        caller.requireMember();
        if (jobId != null) {
            get(caller, jobId);
        }
        return feed.subscribe(caller.organizationId(), jobId, lastEventId, sink);
    }

    private static DomainException.NotFound notFound(UUID jobId) {
        return DomainException.NotFound.of("print-job", jobId);
    }

    /** For tests and tools: the settings in force. */
    public QueueSettings settings() {
        return settings;
    }


    /** Now, to the microsecond (what the database keeps), so a job reads back as it was written. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
