package io.pressroom.persistence.printjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The queue vacuums {@code print_jobs} itself where autovacuum does not run (this machine's CI
 * PostgreSQL has {@code autovacuum = off}), and leaves the table to autovacuum where it runs.
 */
class QueueVacuumTest {

    @Test
    void vacuumsTheChurnedQueueWhenAutovacuumIsOffForIt() throws Exception {
        try (QueueFixture f = new QueueFixture()) {
            f.db.exec("ALTER TABLE print_jobs SET (autovacuum_enabled = false)");
            churn(f, 1000);
            QueueVacuum vacuum = new QueueVacuum(f.ds, Clock.systemUTC());

            assertThat(vacuum.runIfDue()).as("1000 jobs renamed twice: well over 200 dead row versions").isTrue();
            assertThat(stat(f, "vacuum_count")).isEqualTo(1);
            assertThat(stat(f, "n_dead_tup")).isZero();
            assertThat(vacuum.runIfDue()).as("nothing new to clean, and not twice within 5 s").isFalse();
            assertThat(stat(f, "vacuum_count")).isEqualTo(1);
        }
    }

    @Test
    void leavesTheTableToAutovacuumWhereItRuns() throws Exception {
        try (QueueFixture f = new QueueFixture()) {
            f.db.exec("ALTER TABLE print_jobs SET (autovacuum_enabled = true)");
            churn(f, 1000);
            QueueVacuum vacuum = new QueueVacuum(f.ds, Clock.systemUTC());
            // the embedded test server runs autovacuum (unlike the CI service), so the check declines
            assertThat(vacuum.runIfDue()).isFalse();
            assertThat(stat(f, "vacuum_count")).isZero();
        }
    }

    @Test
    void belowTheThresholdNothingIsDone() throws Exception {
        try (QueueFixture f = new QueueFixture()) {
            f.db.exec("ALTER TABLE print_jobs SET (autovacuum_enabled = false)");
            churn(f, 50); // 100 dead row versions < 200
            assertThat(new QueueVacuum(f.ds, Clock.systemUTC()).runIfDue()).isFalse();
            assertThat(stat(f, "vacuum_count")).isZero();
        }
    }

    /** n jobs inserted, then updated twice (renamed twice), statistics flushed. */
    private static void churn(QueueFixture f, int n) throws SQLException {
        try (Connection c = f.db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO print_jobs (organization_id, created_by_user_id, job_name, file_ids) "
                    + "SELECT '" + f.org + "', '" + f.admin + "', 'job ' || g, '{}' FROM generate_series(1, " + n + ") g");
            st.execute("UPDATE print_jobs SET job_name = job_name || ' a'");
            st.execute("UPDATE print_jobs SET job_name = job_name || ' b'");
            st.execute("SELECT pg_stat_force_next_flush()");
        }
        // a backend's counters reach the shared statistics when it ends its transaction and is idle
        long deadline = System.currentTimeMillis() + 10_000;
        while (stat(f, "n_dead_tup") < n && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long stat(QueueFixture f, String column) throws SQLException {
        try (Connection c = f.db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + column + " FROM pg_stat_user_tables WHERE relname = 'print_jobs'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
