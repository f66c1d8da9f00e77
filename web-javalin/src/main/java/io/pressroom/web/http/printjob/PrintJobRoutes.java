package io.pressroom.web.http.printjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.pressroom.domain.identity.ResolveSession;
import io.pressroom.domain.printer.AuthenticatePrinter;
import io.pressroom.domain.printjob.JobStatus;
import io.pressroom.domain.printjob.ManagePrintJobs;
import io.pressroom.domain.printjob.PrintJob;
import io.pressroom.domain.printjob.PrintJobRepository.JobFilter;
import io.pressroom.domain.printjob.RunPrintJobs;
import io.pressroom.domain.printjob.WatchPrintJobs;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.web.http.Auth;
import io.pressroom.web.http.Problems;
import io.pressroom.web.http.Requests;
import io.pressroom.web.http.SessionAuth;
import io.pressroom.web.http.organization.OrganizationDtos.PageBody;
import io.pressroom.web.http.printjob.QueueDtos.ClaimedJobBody;
import io.pressroom.web.http.printjob.QueueDtos.FailBody;
import io.pressroom.web.http.printjob.QueueDtos.JobUpdateBody;
import io.pressroom.web.http.printjob.QueueDtos.LeaseBody;
import io.pressroom.web.http.printjob.QueueDtos.PrintJobBody;
import io.pressroom.web.http.printjob.QueueDtos.ProgressBody;
import io.pressroom.web.http.printjob.QueueDtos.SubmitJob;
import io.pressroom.web.http.printjob.QueueDtos.UpdateJob;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Print jobs (members), the job agent's routes (printer key: {@code Authorization: Bearer
 * prk_…}, that printer's claims and jobs only), and the live stream (Server-Sent Events).
 */
public final class PrintJobRoutes {
    private static final ScheduledExecutorService HEARTBEAT = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pressroom-sse-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private final ManagePrintJobs jobs;
    private final RunPrintJobs agents;
    private final WatchPrintJobs watch;
    private final AuthenticatePrinter printerKeys;
    private final ResolveSession sessions;
    private final Auth auth;
    private final Requests requests;
    private final ObjectMapper mapper;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

    public PrintJobRoutes(ManagePrintJobs jobs, RunPrintJobs agents, WatchPrintJobs watch, AuthenticatePrinter printerKeys,
                          ResolveSession sessions, Auth auth, Requests requests, ObjectMapper mapper) {
        this.jobs = jobs;
        this.agents = agents;
        this.watch = watch;
        this.printerKeys = printerKeys;
        this.sessions = sessions;
        this.auth = auth;
        this.requests = requests;
        this.mapper = mapper;
        HEARTBEAT.scheduleWithFixedDelay(this::heartbeat, 15, 15, TimeUnit.SECONDS);
    }

    /** The routes, and the live streams ended when the server stops (so a graceful stop does not wait on them). */
    public void register(io.javalin.config.JavalinConfig config) {
        register(config.routes);
        config.events.serverStopping(() -> {
            for (SseClient c : clients) {
                try {
                    c.close();
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
            clients.clear();
        });
    }

    public void register(RoutesConfig routes) {
        // the streams first: "stream" is not a job id
        routes.get("/api/print-jobs/stream", ctx -> stream(ctx, null));
        routes.get("/api/print-jobs/{id}/stream", ctx -> stream(ctx, Requests.uuid(ctx, "id")));

        routes.get("/api/print-jobs", this::list);
        routes.post("/api/print-jobs", this::submit);
        routes.get("/api/print-jobs/{id}", ctx -> ctx.json(PrintJobBody.from(jobs.get(auth.member(ctx), Requests.uuid(ctx, "id")))));
        routes.patch("/api/print-jobs/{id}", this::update);
        routes.post("/api/print-jobs/{id}/hold", ctx -> ctx.json(PrintJobBody.from(jobs.hold(auth.member(ctx), id(ctx)))));
        routes.post("/api/print-jobs/{id}/release", ctx -> ctx.json(PrintJobBody.from(jobs.release(auth.member(ctx), id(ctx)))));
        routes.post("/api/print-jobs/{id}/cancel", ctx -> ctx.json(PrintJobBody.from(jobs.cancel(auth.member(ctx), id(ctx)))));
        routes.post("/api/print-jobs/{id}/retry", ctx -> ctx.json(PrintJobBody.from(jobs.retry(auth.member(ctx), id(ctx)))));

        // the job agent
        routes.post("/api/printers/{id}/claim", ctx -> claimed(ctx, agents.claim(agent(ctx), Requests.uuid(ctx, "id"))));
        routes.post("/api/print-jobs/{id}/progress", ctx -> {
            Caller agent = agent(ctx);
            ProgressBody b = requests.body(ctx, ProgressBody.class);
            if (b.percent() == null) {
                throw Problems.BadRequest.field("percent", "percent (0-100) is required");
            }
            ctx.json(PrintJobBody.from(agents.progress(agent, id(ctx), token(b.leaseToken()), b.percent(), b.estimatedCompletion())));
        });
        routes.post("/api/print-jobs/{id}/pause", ctx -> {
            Caller agent = agent(ctx);
            ctx.json(PrintJobBody.from(agents.pause(agent, id(ctx), token(requests.body(ctx, LeaseBody.class).leaseToken()))));
        });
        routes.post("/api/print-jobs/{id}/resume", ctx -> {
            Caller agent = agent(ctx);
            ctx.json(PrintJobBody.from(agents.resume(agent, id(ctx), token(requests.body(ctx, LeaseBody.class).leaseToken()))));
        });
        routes.post("/api/print-jobs/{id}/complete", ctx -> {
            Caller agent = agent(ctx);
            UUID token = token(requests.body(ctx, LeaseBody.class).leaseToken());
            if ("true".equals(ctx.queryParam("claimNext"))) {
                claimed(ctx, agents.completeAndClaimNext(agent, id(ctx), token));
            } else {
                ctx.json(PrintJobBody.from(agents.complete(agent, id(ctx), token)));
            }
        });
        routes.post("/api/print-jobs/{id}/fail", ctx -> {
            Caller agent = agent(ctx);
            FailBody b = requests.body(ctx, FailBody.class);
            ctx.json(PrintJobBody.from(agents.fail(agent, id(ctx), token(b.leaseToken()), b.error())));
        });
    }

    private static UUID id(Context ctx) {
        return Requests.uuid(ctx, "id");
    }

    private static UUID token(UUID leaseToken) {
        if (leaseToken == null) {
            throw Problems.BadRequest.field("leaseToken", "leaseToken (from the claim) is required");
        }
        return leaseToken;
    }

    private static void claimed(Context ctx, Optional<PrintJob> job) {
        if (job.isPresent()) {
            ctx.json(ClaimedJobBody.from(job.get()));
        } else {
            ctx.status(204);
        }
    }

    /** The printer agent of this request's printer key. */
    private Caller agent(Context ctx) {
        String key = SessionAuth.bearer(ctx).orElseThrow(() -> new DomainException.Unauthenticated("printer-key.required",
                "send the printer's key: Authorization: Bearer prk_…"));
        Caller anonymous = auth.anonymous(ctx);
        return printerKeys.agent(key, anonymous.ipAddress(), anonymous.userAgent());
    }

    private void list(Context ctx) {
        Caller caller = auth.member(ctx);
        String status = ctx.queryParam("status");
        JobFilter filter = new JobFilter(status == null || status.isEmpty() ? null : JobStatus.parse(status),
                Requests.uuidQuery(ctx, "printerId"), Requests.uuidQuery(ctx, "shopId"));
        ctx.json(PageBody.of(jobs.list(caller, filter, Requests.page(ctx)), PrintJobBody::from));
    }

    private void submit(Context ctx) {
        Caller caller = auth.member(ctx);
        SubmitJob body = requests.body(ctx, SubmitJob.class);
        ctx.status(201).json(PrintJobBody.from(jobs.submit(caller, body.toCommand())));
    }

    private void update(Context ctx) {
        Caller caller = auth.member(ctx);
        UUID id = id(ctx);
        UpdateJob body = requests.body(ctx, UpdateJob.class);
        PrintJob.Assignment assignment = null;
        try {
            JsonNode raw = mapper.readTree(ctx.bodyAsBytes());
            if (raw.has("printerId")) {
                assignment = new PrintJob.Assignment(body.printerId());
            }
        } catch (IOException e) {
            throw Problems.BadRequest.field("body", "the body must be a JSON object");
        }
        ctx.json(PrintJobBody.from(jobs.update(caller, id, body.priority(), assignment, body.jobName())));
    }

    // ---- live ------------------------------------------------------------------------------

    /**
     * Server-Sent Events: every status change and progress report of the organization's jobs
     * (or one job), {@code id:} the event's sequence number; {@code Last-Event-ID} (or
     * {@code ?lastEventId=}) replays what came after it. A browser's EventSource cannot send
     * headers, so {@code ?organizationId=} selects the organization (with the session cookie).
     */
    private void stream(Context ctx, UUID jobId) throws Exception {
        Caller caller = streamingMember(ctx);
        Long last = lastEventId(ctx);
        // subscribe before the answer starts (404 as problem+json; the live point is fixed now)
        Relay relay = new Relay();
        AutoCloseable subscription = watch.watch(caller, jobId, last, relay::offer);
        try {
            new SseHandler(client -> {
                clients.add(client);
                client.onClose(() -> {
                    clients.remove(client);
                    closeQuietly(subscription);
                });
                client.sendComment("connected");
                relay.attach(client);
                client.keepAlive();
            }).handle(ctx);
        } catch (Exception | Error e) {
            closeQuietly(subscription);
            throw e;
        }
    }

    /** Holds the updates that arrive before the stream is open, then writes them in order. */
    private final class Relay {
        private final java.util.ArrayDeque<io.pressroom.domain.printjob.JobUpdate> early = new java.util.ArrayDeque<>();
        private SseClient client;

        synchronized void offer(io.pressroom.domain.printjob.JobUpdate update) {
            if (client == null) {
                early.add(update);
                return;
            }
            send(update);
        }

        synchronized void attach(SseClient c) {
            client = c;
            while (!early.isEmpty()) {
                send(early.poll());
            }
        }

        private void send(io.pressroom.domain.printjob.JobUpdate update) {
            if (client.terminated()) {
                throw new IllegalStateException("the client has gone");
            }
            client.sendEvent("message", json(JobUpdateBody.from(update)), Long.toString(update.seq()));
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing to release
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Caller streamingMember(Context ctx) {
        String org = ctx.queryParam("organizationId");
        String header = ctx.header(SessionAuth.ORGANIZATION_HEADER);
        if (org == null || org.isBlank() || (header != null && !header.isBlank())) {
            return auth.member(ctx);
        }
        UUID organizationId = Requests.uuid("organizationId", org.strip());
        Caller user = auth.user(ctx);
        var m = sessions.membership(user.userId(), organizationId)
                .orElseThrow(() -> DomainException.NotFound.of("organization", organizationId));
        return user.inOrganization(organizationId, m.role(), m.organizationActive());
    }

    private static Long lastEventId(Context ctx) {
        String raw = ctx.header("Last-Event-ID");
        if (raw == null || raw.isBlank()) {
            raw = ctx.queryParam("lastEventId");
        }
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(raw.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw Problems.BadRequest.field("Last-Event-ID", "Last-Event-ID must be an event id this stream sent");
        }
    }

    private void heartbeat() {
        for (SseClient c : clients) {
            try {
                if (c.terminated()) {
                    clients.remove(c);
                } else {
                    c.sendComment("ping");
                }
            } catch (RuntimeException e) {
                clients.remove(c);
            }
        }
    }
}
