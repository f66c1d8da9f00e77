import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * bench/claim's diagnostics, run on the server jar's classpath beside a workload on database DB:
 *   java -cp pressroom.jar bench/lib/PgSampler.java JDBC_URL USER DIR [JOBS]
 * From when DIR/start exists until DIR/stop exists (the workload touches them) it samples pg_stat_activity of DB every 10 ms (state and wait event of
 * its other backends) and their CPU (/proc/PID/stat, so PostgreSQL must run on this machine);
 * then prints, per job when JOBS is given (or written to DIR/jobs before DIR/stop): the backends' CPU, the wait-event shares, and the WAL
 * written for DB's relations between start and stop, by relation (pg_walinspect; the WAL of
 * other databases on the cluster is left out, commit records are counted apart).
 */
public class PgSampler {
    public static void main(String[] a) throws Exception {
        String url = a[0];
        String user = a[1];
        Path start = Path.of(a[2], "start");
        Path stop = Path.of(a[2], "stop");
        double jobs = a.length > 3 ? Double.parseDouble(a[3]) : 1;
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.setAutoCommit(true);
            Statement st = c.createStatement();
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect");
            Files.writeString(Path.of(a[2], "ready"), ""); // bench/claim starts the workload only now
            while (!Files.exists(start)) {
                Thread.sleep(5);
            }
            String lsn0 = one(st, "SELECT pg_current_wal_lsn()");
            String dbOid = one(st, "SELECT oid FROM pg_database WHERE datname = current_database()");
            long hz = 100;
            Map<Integer, long[]> cpu = new HashMap<>(); // pid -> {first, last}
            Map<String, Integer> waits = new TreeMap<>();
            java.util.Set<Integer> maintenance = new java.util.HashSet<>();
            int samples = 0;
            long t0 = System.nanoTime();
            while (!Files.exists(stop)) {
                try (ResultSet rs = st.executeQuery("SELECT pid, state, coalesce(wait_event_type || ':' || wait_event, 'CPU'), "
                        + "backend_type <> 'client backend' OR query ILIKE 'vacuum%' OR query ILIKE 'analyze%' "
                        + "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                    samples++;
                    while (rs.next()) {
                        int pid = rs.getInt(1);
                        String state = rs.getString(2);
                        String key = "active".equals(state) ? rs.getString(3) : "idle: " + state;
                        waits.merge(key, 1, Integer::sum);
                        if (rs.getBoolean(4) && "active".equals(state)) {
                            maintenance.add(pid);
                        }
                        long ticks = ticks(pid);
                        if (ticks >= 0) {
                            long[] v = cpu.computeIfAbsent(pid, p -> new long[] {ticks, ticks});
                            v[1] = ticks;
                        }
                    }
                }
                Thread.sleep(10);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            Path count = Path.of(a[2], "jobs"); // the workload's own count, when it knows it only at the end
            if (Files.exists(count)) {
                jobs = Double.parseDouble(Files.readString(count).trim());
            }
            String lsn1 = one(st, "SELECT pg_current_wal_lsn()");
            long cpuTicks = 0;
            long maintTicks = 0;
            for (Map.Entry<Integer, long[]> e : cpu.entrySet()) {
                long[] v = e.getValue();
                cpuTicks += v[1] - v[0];
                if (maintenance.contains(e.getKey())) {
                    maintTicks += v[1] - v[0];
                }
            }
            System.out.printf("sampler: %.1f s, %d samples, %d backends, backend CPU %.2f s = %.3f ms/job"
                            + " (of which backends seen running VACUUM/ANALYZE or parallel workers: %.3f ms/job)%n",
                    secs, samples, cpu.size(), cpuTicks / (double) hz, cpuTicks * 1000.0 / hz / jobs, maintTicks * 1000.0 / hz / jobs);
            int total = waits.values().stream().mapToInt(Integer::intValue).sum();
            waits.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).forEach(e ->
                    System.out.printf("  wait %-40s %5.1f%%%n", e.getKey(), 100.0 * e.getValue() / total));
            long all = Long.parseLong(one(st, "SELECT pg_wal_lsn_diff('" + lsn1 + "', '" + lsn0 + "')::bigint"));
            System.out.printf("  WAL cluster-wide %d bytes (%.0f B/job)%n", all, all / jobs);
            String q = "WITH r AS (SELECT record_length, fpi_length, resource_manager, record_type, "
                    + "  substring(block_ref from 'rel \\d+/' || " + dbOid + " || '/(\\d+)') AS node "
                    + "  FROM pg_get_wal_records_info('" + lsn0 + "', '" + lsn1 + "')) "
                    + "SELECT coalesce(cl.relname, r.node, '-'), count(*), sum(record_length), sum(fpi_length) "
                    + "FROM r LEFT JOIN pg_class cl ON cl.relfilenode::text = r.node "
                    + "WHERE r.node IS NOT NULL GROUP BY 1 ORDER BY 3 DESC";
            long dbBytes = 0;
            try (ResultSet rs = st.executeQuery(q)) {
                while (rs.next()) {
                    long b = rs.getLong(3);
                    dbBytes += b;
                    System.out.printf("  WAL %-40s %8.2f rec/job %8.0f B/job (FPI %6.0f B/job)%n", rs.getString(1),
                            rs.getLong(2) / jobs, b / jobs, rs.getLong(4) / jobs);
                }
            }
            System.out.printf("  WAL this database's relations: %.0f B/job%n", dbBytes / jobs);
        }
    }

    static long ticks(int pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        } catch (Exception e) {
            return -1;
        }
    }

    static String one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
