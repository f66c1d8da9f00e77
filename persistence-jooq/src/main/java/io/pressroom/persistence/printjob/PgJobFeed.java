package io.pressroom.persistence.printjob;

import static io.pressroom.persistence.jooq.generated.Tables.EVENTS;

import io.pressroom.domain.printjob.JobEvent;
import io.pressroom.domain.printjob.JobFeed;
import io.pressroom.domain.printjob.JobUpdate;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import io.pressroom.persistence.JsonValues;
import io.pressroom.persistence.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed of print-job events across server instances, on PostgreSQL LISTEN/NOTIFY.
 *
 * <ul>
 * <li>The log is the audit trail itself: every job transition writes one {@code events} row,
 *   numbered by {@code events.seq} (the SSE event id), so replay after {@code Last-Event-ID}
 *   is a range read.</li>
 * <li>Publishing stays off the hot path: {@link #changed} only marks the organization; a
 *   notifier thread sends one {@code NOTIFY pressroom_print_jobs, '<org>'} per marked
 *   organization, coalesced, outside the job's transaction (a NOTIFY inside it would take
 *   the cluster-wide commit lock).</li>
 * <li>Each instance with subscribers holds one dedicated listening connection (opened with the
 *   first subscriber, reconnecting with back-off, catching up by seq after a reconnect), and
 *   on a notification reads the organization's new events and hands them to its
 *   subscribers. A poll every few seconds covers a missed notification.</li>
 * <li>Sequence numbers are taken before commit, so a smaller seq can become visible after a
 *   larger one: each read looks back {@value #LOOKBACK} numbers and skips what a subscriber
 *   already had.</li>
 * </ul>
 */
public final class PgJobFeed implements JobFeed, AutoCloseable {
    public static final String CHANNEL = "pressroom_print_jobs";
    static final long LOOKBACK = 200;
    /** At most one NOTIFY round trip per this many milliseconds (the live stream's added latency). */
    static final long COALESCE_MS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(PgJobFeed.class);

    private final DataSource dataSource;
    private final DSLContext dsl;
    private final Transactions tx;
    private final Set<UUID> toNotify = ConcurrentHashMap.newKeySet();
    private final Map<UUID, List<Sub>> subscribers = new ConcurrentHashMap<>();
    private final Set<UUID> toRead = ConcurrentHashMap.newKeySet();
    private final ExecutorService reader = Executors.newSingleThreadExecutor(daemon("pressroom-job-feed-reader"));
    private final Object notifySignal = new Object();
    private volatile boolean closed;
    private volatile Thread notifier;
    private Thread listener;

    public PgJobFeed(DataSource dataSource, DSLContext dsl, Transactions tx) {
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.tx = tx;
    }

    // ---- publishing ------------------------------------------------------------------------

    @Override
    public void changed(UUID organizationId) {
        if (closed) {
            return;
        }
        // an organization already marked is notified by the pass that takes it (after this
        // change committed), so only a new mark wakes the notifier: the agents' hot path does
        // not meet on the feed's monitors once per job
        if (toNotify.add(organizationId)) {
            startNotifier();
            synchronized (notifySignal) {
                notifySignal.notifyAll();
            }
        }
    }

    private void startNotifier() {
        if (notifier == null) {
            startNotifierOnce();
        }
    }

    private synchronized void startNotifierOnce() {
        if (notifier == null) {
            notifier = daemon("pressroom-job-feed-notifier").newThread(this::notifyLoop);
            notifier.start();
        }
    }

    private void notifyLoop() {
        while (!closed) {
            try {
                synchronized (notifySignal) {
                    if (toNotify.isEmpty()) {
                        notifySignal.wait(1000);
                    }
                }
                if (toNotify.isEmpty()) {
                    continue;
                }
                Thread.sleep(COALESCE_MS); // a burst of changes becomes one NOTIFY round trip
                List<String> orgs = new ArrayList<>();
                for (UUID org : List.copyOf(toNotify)) {
                    toNotify.remove(org);
                    orgs.add(org.toString());
                }
                try (Connection c = dataSource.getConnection();
                     PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', o) FROM unnest(?::text[]) o")) {
                    if (!c.getAutoCommit()) {
                        c.setAutoCommit(true);
                    }
                    ps.setArray(1, c.createArrayOf("text", orgs.toArray()));
                    ps.execute();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warn("job feed: NOTIFY failed ({}); subscribers catch up by polling", e.getMessage());
                sleepQuietly(1000);
            }
        }
    }

    // ---- subscribing -----------------------------------------------------------------------

    private final class Sub {
        final UUID organizationId;
        final UUID jobId;
        final Consumer<JobUpdate> sink;
        long floor;
        final LinkedHashSet<Long> delivered = new LinkedHashSet<>();

        Sub(UUID organizationId, UUID jobId, long floor, Consumer<JobUpdate> sink) {
            this.organizationId = organizationId;
            this.jobId = jobId;
            this.floor = floor;
            this.sink = sink;
        }

        void offer(JobUpdate u) {
            if (u.seq() <= floor || delivered.contains(u.seq()) || (jobId != null && !jobId.equals(u.jobId()))) {
                return;
            }
            delivered.add(u.seq());
            try {
                sink.accept(u);
            } catch (RuntimeException e) {
                LOG.debug("job feed: a subscriber failed ({}); closing it", e.toString());
                remove(this);
                return;
            }
            long max = u.seq();
            for (long s : delivered) {
                max = Math.max(max, s);
            }
            long newFloor = Math.max(floor, max - LOOKBACK);
            if (newFloor > floor) {
                floor = newFloor;
                delivered.removeIf(s -> s <= floor);
            }
        }
    }

    @Override
    public AutoCloseable subscribe(UUID organizationId, UUID jobId, Long afterSeq, Consumer<JobUpdate> sink) {
        long floor = afterSeq != null ? afterSeq : currentSeq(organizationId);
        Sub sub = new Sub(organizationId, jobId, floor, sink);
        subscribers.computeIfAbsent(organizationId, k -> new CopyOnWriteArrayList<>()).add(sub);
        startListener();
        requestRead(organizationId);
        return () -> remove(sub);
    }

    private void remove(Sub sub) {
        List<Sub> subs = subscribers.get(sub.organizationId);
        if (subs != null) {
            subs.remove(sub);
        }
    }

    private long currentSeq(UUID org) {
        Long max = tx.inTransaction(TenantScope.tenant(org, null), () -> dsl.select(DSL.max(EVENTS.SEQ))
                .from(EVENTS)
                .where(EVENTS.ORGANIZATION_ID.eq(org), EVENTS.ENTITY_TYPE.eq(JobEvent.ENTITY_TYPE))
                .fetchOne(0, Long.class));
        return max == null ? 0 : max;
    }

    private void requestRead(UUID org) {
        if (toRead.add(org)) {
            try {
                reader.execute(() -> {
                    toRead.remove(org);
                    read(org);
                });
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // closed
            }
        }
    }

    private void read(UUID org) {
        List<Sub> subs = subscribers.get(org);
        if (subs == null || subs.isEmpty() || closed) {
            return;
        }
        long from = Long.MAX_VALUE;
        for (Sub s : subs) {
            from = Math.min(from, s.floor);
        }
        long after = from;
        try {
            List<JobUpdate> updates = tx.inTransaction(TenantScope.tenant(org, null), () -> dsl
                    .select(EVENTS.SEQ, EVENTS.ENTITY_ID, EVENTS.EVENT_TYPE, EVENTS.EVENT_DATA, EVENTS.CREATED_AT)
                    .from(EVENTS)
                    .where(EVENTS.ORGANIZATION_ID.eq(org), EVENTS.ENTITY_TYPE.eq(JobEvent.ENTITY_TYPE), EVENTS.SEQ.gt(after))
                    .orderBy(EVENTS.SEQ)
                    .limit(2000)
                    .fetch(r -> new JobUpdate(r.value1(), r.value2(), r.value3(), JsonValues.readObject(r.value4()),
                            Times.instant(r.value5()))));
            for (JobUpdate u : updates) {
                for (Sub s : subs) {
                    s.offer(u);
                }
            }
            if (updates.size() == 2000) {
                requestRead(org);
            }
        } catch (RuntimeException e) {
            LOG.warn("job feed: reading events of organization {} failed: {}", org, e.getMessage());
        }
    }

    // ---- listening -------------------------------------------------------------------------

    private synchronized void startListener() {
        if (listener == null && !closed) {
            listener = daemon("pressroom-job-feed-listener").newThread(this::listenLoop);
            listener.start();
        }
    }

    private void listenLoop() {
        long backoff = 100;
        while (!closed) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                backoff = 100;
                subscribers.keySet().forEach(this::requestRead); // catch up on what passed while not listening
                PGConnection pg = c.unwrap(PGConnection.class);
                long lastPoll = System.nanoTime();
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(500);
                    if (got != null) {
                        for (PGNotification n : got) {
                            try {
                                UUID org = UUID.fromString(n.getParameter());
                                if (subscribers.containsKey(org)) {
                                    requestRead(org);
                                }
                            } catch (IllegalArgumentException ignored) {
                                // not ours
                            }
                        }
                    }
                    if (System.nanoTime() - lastPoll > TimeUnit.SECONDS.toNanos(5)) {
                        lastPoll = System.nanoTime();
                        subscribers.forEach((org, subs) -> {
                            if (!subs.isEmpty()) {
                                requestRead(org);
                            }
                        });
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("job feed: listening connection lost ({}); reconnecting in {} ms", e.getMessage(), backoff);
                sleepQuietly(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (notifySignal) {
            notifySignal.notifyAll();
        }
        reader.shutdownNow();
        Thread l;
        Thread n;
        synchronized (this) {
            l = listener;
            n = notifier;
        }
        for (Thread t : new Thread[] {l, n}) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
