import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pressroom.Pressroom;
import io.pressroom.domain.printer.Printer;
import io.pressroom.domain.printjob.PrintJob;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/claim's driver, compiled on the server jar's classpath (javac -d DIR -cp pressroom.jar ClaimBench.java) and run
 * beside it (java -cp pressroom.jar:DIR ClaimBench ...; source-file mode works too, but its javac warms up in the
 * measured JVM):
 *   java -cp pressroom.jar bench/lib/ClaimBench.java library  JDBC_URL USER JOBS CONCURRENCY [WARMUP_JOBS]
 *   java -cp pressroom.jar bench/lib/ClaimBench.java sustained JDBC_URL USER SECONDS CONCURRENCY
 *   java -cp pressroom.jar bench/lib/ClaimBench.java http     JDBC_URL USER JOBS CONCURRENCY BASE_URL TOKEN ORG_ID
 * One organization, CONCURRENCY printers each with its own agent (printer key). Jobs are seeded
 * with SQL; each agent claims, then completes each job claiming the next in the same unit of
 * work (one commit per job, an audit event per transition), until the queue is empty.
 * Prints "jobs/s <rate>" (sustained: "first <rate> last <rate>" per minute-window); library mode also logs its
 * JVM's CPU per job, in all and by thread (JIT compiler, GC, agents) from /proc/self/task, to stderr.
 */
public class ClaimBench {
    public static void main(String[] a) throws Exception {
        String mode = a[0];
        String url = a[1];
        String user = a[2];
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setMaximumPoolSize(Integer.parseInt(a[4]) + 2);
        try (HikariDataSource ds = new HikariDataSource(cfg)) {
            if (mode.equals("http")) {
                http(ds, Integer.parseInt(a[3]), Integer.parseInt(a[4]), a[5], a[6], UUID.fromString(a[7]));
                return;
            }
            try (Pressroom p = Pressroom.builder().dataSource(ds).migrate(false).build()) {
                UUID userId = UUID.randomUUID();
                UUID org = UUID.randomUUID();
                exec(ds, "INSERT INTO users (id, email, password_hash) VALUES ('" + userId + "', '" + userId + "@bench.test', 'x');"
                        + "INSERT INTO organizations (id, name) VALUES ('" + org + "', 'bench');"
                        + "INSERT INTO organization_members (organization_id, user_id, role) VALUES ('" + org + "', '" + userId + "', 'admin')");
                Caller admin = Caller.user(userId, false, "127.0.0.1", "bench").inOrganization(org, Role.ADMIN);
                int conc = Integer.parseInt(a[4]);
                List<Caller> agents = new ArrayList<>();
                for (int i = 0; i < conc; i++) {
                    Printer pr = p.printers().create(admin, new Printer.Draft("P" + i, "dtf", 22.0, 60.0, 300, List.of(), true, false, null, Map.of()));
                    agents.add(p.printers().agent(p.printers().issue(admin, pr.id()).key(), "127.0.0.1", "bench-agent"));
                }
                if (mode.equals("library")) {
                    int jobs = Integer.parseInt(a[3]);
                    int warm = a.length > 5 ? Integer.parseInt(a[5]) : 0;
                    seed(ds, org, userId, warm + jobs);
                    Measure m = new Measure();
                    long done = drain(p, agents, null, warm, m);
                    diag("stop");
                    long measured = done - warm;
                    double secs = (m.t1 - m.t0) / 1e9;
                    System.err.printf("driver: %d jobs in %.2f s (after %d warm-up jobs), driver JVM CPU %.3f ms/job (agent threads %.3f ms/job)%n",
                            measured, secs, warm, (m.cpu1 - m.cpu0) / 1e6 / measured,
                            agentTicks(m.threads0, m.threads1) * 10.0 / measured);
                    System.err.println("driver: JVM CPU by thread (ms/job): " + threadsPerJob(m.threads0, m.threads1, measured));
                    if (done != warm + jobs) {
                        throw new IllegalStateException("completed " + done + " of " + (warm + jobs));
                    }
                    System.out.printf("jobs/s %.1f%n", measured / secs);
                } else {
                    sustained(ds, p, agents, org, userId, Integer.parseInt(a[3]));
                }
            }
        }
    }

    /** The measured window of a drain: wall time, the JVM's CPU, CPU ticks by thread, at its start and end. */
    static final class Measure {
        long t0, t1, cpu0, cpu1;
        Map<String, Long> threads0, threads1;

        void start() {
            cpu0 = processCpuNanos();
            threads0 = threadTicks();
            try {
                diag("start");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            t0 = System.nanoTime();
        }

        void stop() {
            t1 = System.nanoTime();
            cpu1 = processCpuNanos();
            threads1 = threadTicks();
        }
    }

    static long drain(Pressroom p, List<Caller> agents, AtomicBoolean stop) throws Exception {
        return drain(p, agents, stop, 0, null);
    }

    /** Agents drain the queue; {@code m} (if any) starts once {@code warm} jobs are done and stops when all are. */
    static long drain(Pressroom p, List<Caller> agents, AtomicBoolean stop, long warm, Measure m) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong n = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(agents.size(), r -> new Thread(r, "claim-agent-" + n.incrementAndGet()));
        if (m != null && warm == 0) {
            m.start();
        }
        List<Future<?>> fs = new ArrayList<>();
        for (Caller agent : agents) {
            fs.add(pool.submit(() -> {
                while (true) {
                    Optional<PrintJob> job = p.printJobs().claim(agent, agent.printerId());
                    while (job.isPresent()) {
                        job = p.printJobs().completeAndClaimNext(agent, job.get().id(), job.get().leaseToken());
                        if (done.incrementAndGet() == warm && m != null && warm > 0) {
                            m.start();
                        }
                        if (sustainedCounter != null) {
                            sustainedCounter.incrementAndGet();
                        }
                    }
                    if (stop == null || stop.get()) {
                        return null;
                    }
                    Thread.sleep(5);
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        if (m != null) {
            m.stop();
        }
        pool.shutdown();
        return done.get();
    }

    /** CPU ticks of the agent threads between two snapshots. */
    static long agentTicks(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().filter(e -> e.getKey().startsWith("claim-agent-"))
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }

    /** CPU ticks (user + system, from /proc/self/task) by thread name, digits folded (GC Thread#1 -> GC Thread#). */
    static Map<String, Long> threadTicks() {
        Map<String, Long> m = new java.util.TreeMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return m;
        }
        for (java.io.File t : tasks) {
            try {
                String stat = java.nio.file.Files.readString(t.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                m.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
            } catch (Exception e) {
                // a thread that ended meanwhile
            }
        }
        return m;
    }

    static String threadsPerJob(Map<String, Long> before, Map<String, Long> after, long jobs) {
        StringBuilder b = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                .forEach(e -> b.append(String.format("%s %.3f, ", e.getKey(), e.getValue() * 10.0 / jobs)));
        return b.length() == 0 ? "-" : b.substring(0, b.length() - 2);
    }

    static volatile AtomicLong sustainedCounter;

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CLAIM_DIAG_DIR (bench/lib/PgSampler.java): mark the start and end of the measured drain. */
    static void diag(String mark) throws Exception {
        String dir = System.getenv("CLAIM_DIAG_DIR");
        if (dir != null && !dir.isEmpty()) { // bench/claim passes it empty when CLAIM_DIAG is off
            java.nio.file.Files.writeString(java.nio.file.Path.of(dir, mark), "");
        }
    }

    /** Agents drain while a producer keeps a backlog; completions counted per minute (or per fifth of a short run). */
    static void sustained(HikariDataSource ds, Pressroom p, List<Caller> agents, UUID org, UUID userId, int seconds) throws Exception {
        sustainedCounter = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        seed(ds, org, userId, 5000);
        Thread producer = new Thread(() -> {
            try {
                while (!stop.get()) {
                    long pending = count(ds, "SELECT count(*) FROM print_jobs WHERE status = 'pending'");
                    if (pending < 3000) {
                        seed(ds, org, userId, 2000);
                    } else {
                        Thread.sleep(100);
                    }
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        producer.start();
        Thread drainer = new Thread(() -> {
            try {
                drain(p, agents, stop);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        drainer.start();
        long window = seconds >= 120 ? 60 : Math.max(1, seconds / 5);
        List<Double> rates = new ArrayList<>();
        long last = 0;
        for (long t = window; t <= seconds; t += window) {
            Thread.sleep(window * 1000);
            long now = sustainedCounter.get();
            rates.add((now - last) / (double) window);
            System.err.printf("sustained: window %d: %.1f jobs/s%n", rates.size(), rates.get(rates.size() - 1));
            last = now;
        }
        stop.set(true);
        drainer.join();
        producer.join();
        System.out.printf("first %.1f last %.1f%n", rates.get(0), rates.get(rates.size() - 1));
    }

    static void http(HikariDataSource ds, int jobs, int conc, String base, String token, UUID org) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String[]> agents = new ArrayList<>();
        for (int i = 0; i < conc; i++) {
            String printer = id(post(client, base + "/api/printers", "Bearer " + token, org,
                    "{\"name\":\"H" + i + "\",\"printerType\":\"dtf\",\"maxWidthInches\":22,\"maxHeightInches\":60}"), "id");
            String key = field(post(client, base + "/api/printers/" + printer + "/keys", "Bearer " + token, org, "{}"), "key");
            agents.add(new String[] {printer, key});
        }
        UUID userId = UUID.fromString(scalar(ds, "SELECT user_id FROM organization_members WHERE organization_id = '" + org + "' LIMIT 1"));
        seed(ds, org, userId, jobs);
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(conc);
        List<Future<?>> fs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (String[] ag : agents) {
            fs.add(pool.submit(() -> {
                HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<String> r = post(c, base + "/api/printers/" + ag[0] + "/claim", "Bearer " + ag[1], null, "");
                while (r.statusCode() == 200) {
                    String jobId = id(r, "id");
                    String lease = field(r, "leaseToken");
                    r = post(c, base + "/api/print-jobs/" + jobId + "/complete?claimNext=true", "Bearer " + ag[1], null,
                            "{\"leaseToken\":\"" + lease + "\"}");
                    done.incrementAndGet();
                }
                if (r.statusCode() != 204) {
                    throw new IllegalStateException("agent got " + r.statusCode() + ": " + r.body());
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (done.get() != jobs) {
            throw new IllegalStateException("completed " + done.get() + " of " + jobs);
        }
        System.out.printf("jobs/s %.1f%n", done.get() / secs);
    }

    static HttpResponse<String> post(HttpClient c, String url, String auth, UUID org, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (org != null) {
            b.header("X-Organization-Id", org.toString());
        }
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String id(HttpResponse<String> r, String name) {
        return field(r, name);
    }

    static String field(HttpResponse<String> r, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    static void seed(HikariDataSource ds, UUID org, UUID userId, int jobs) throws Exception {
        exec(ds, "INSERT INTO print_jobs (organization_id, created_by_user_id, job_name, priority, file_ids) "
                + "SELECT '" + org + "', '" + userId + "', 'job ' || g, g % 10, '{}' FROM generate_series(1, " + jobs + ") g");
    }

    static void exec(HikariDataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static long count(HikariDataSource ds, String sql) throws Exception {
        return Long.parseLong(scalar(ds, sql));
    }

    static String scalar(HikariDataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
