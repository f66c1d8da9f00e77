package io.pressroom.persistence.printjob;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's own vacuum, for a database where autovacuum does not run on {@code print_jobs}
 * (the server's {@code autovacuum = off}, or the table's {@code autovacuum_enabled = false}).
 *
 * <p>Every claim and completion leaves a dead row version in {@code print_jobs} (status is
 * indexed, so the updates are not HOT). Without vacuum the claimable index and the heap bloat
 * and claiming slows down minute after minute. Where autovacuum runs this does nothing (V6 tunes
 * it for the table). Where it does not, it vacuums the table itself once the dead rows pass the
 * same threshold V6 gives autovacuum ({@value #THRESHOLD} + {@value #SCALE_FACTOR} × live rows),
 * at most once per {@link #MIN_INTERVAL}. {@code VACUUM} takes no lock that blocks claims
 * (SHARE UPDATE EXCLUSIVE) and runs on its own autocommit connection, as the login role (which
 * must own the table, as the role that migrated it does; otherwise it logs once and stops).
 */
public final class QueueVacuum {
    private static final Logger LOG = LoggerFactory.getLogger(QueueVacuum.class);
    static final int THRESHOLD = 200;
    static final double SCALE_FACTOR = 0.01;
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final Clock clock;
    private Instant last = Instant.MIN;
    private boolean announced;
    private boolean disabled;

    public QueueVacuum(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** One check; vacuums {@code print_jobs} when it is due. Answers whether it vacuumed. */
    public synchronized boolean runIfDue() {
        if (disabled) {
            return false;
        }
        Instant now = clock.instant();
        if (now.isBefore(last.plus(MIN_INTERVAL))) {
            return false;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            long dead;
            long live;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(
                         "SELECT s.n_dead_tup, s.n_live_tup, "
                                 + "current_setting('autovacuum') = 'off' "
                                 + "  OR coalesce('autovacuum_enabled=false' = ANY (c.reloptions), false) AS autovacuum_off, "
                                 + "pg_has_role(current_user, c.relowner, 'USAGE') AS owner "
                                 + "FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid "
                                 + "WHERE s.relid = to_regclass('print_jobs')")) {
                if (!rs.next() || !rs.getBoolean("autovacuum_off")) {
                    return false; // autovacuum looks after the table
                }
                if (!rs.getBoolean("owner")) {
                    disabled = true;
                    LOG.warn("autovacuum is off for print_jobs and the database login does not own the table: dead rows "
                            + "will pile up and claiming will slow down; turn autovacuum on or VACUUM print_jobs regularly");
                    return false;
                }
                dead = rs.getLong("n_dead_tup");
                live = rs.getLong("n_live_tup");
            }
            if (!announced) {
                announced = true;
                LOG.info("autovacuum is off for print_jobs: Pressroom vacuums the table itself when dead rows pile up");
            }
            if (dead < THRESHOLD + SCALE_FACTOR * live) {
                return false;
            }
            try (Statement st = c.createStatement()) {
                st.execute("VACUUM (ANALYZE) print_jobs");
            }
            last = clock.instant();
            LOG.debug("vacuumed print_jobs ({} dead, {} live row versions)", dead, live);
            return true;
        } catch (SQLException e) {
            LOG.debug("queue vacuum skipped: {}", e.toString());
            return false;
        }
    }
}
