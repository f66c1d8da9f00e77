package io.pressroom.persistence.printjob;

import static io.pressroom.persistence.Times.utc;

import io.pressroom.domain.printjob.AgentHotPath;
import io.pressroom.domain.printjob.PrintJob;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.printjob.JobStatus;
import io.pressroom.persistence.JsonValues;
import io.pressroom.persistence.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;

/**
 * {@link AgentHotPath} on V15's invoker functions: each command is one statement in autocommit
 * (its own transaction, one round trip), whose first step is the unit of work's tenant scope and
 * role switch, so it runs as {@code pressroom_app} under row-level security like every unit of
 * work. Not for use inside an open transaction.
 */
public final class JooqAgentHotPath implements AgentHotPath {
    /** The row's columns in the order {@link #job} reads them by index (no lookup by name per row). */
    private static final String COLUMNS = "id, organization_id, created_by_user_id, printer_id, shop_id, job_name, status, "
            + "priority, file_ids, print_config::text, progress_percentage, estimated_completion, started_at, completed_at, "
            + "error_message, created_at, updated_at, attempt, lease_token, lease_expires_at, claimed_by_printer_id";
    // timestamps are sent as text (LocalDateTime.toString, ISO) and cast by the statement: pgjdbc's
    // setObject(LocalDateTime) builds a TimestampUtils with its GregorianCalendar for every statement
    private static final String CLAIM = "SELECT " + COLUMNS + " FROM pressroom_agent_claim("
            + "?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::timestamp, ?::text, ?::timestamp, ?::varchar, ?::text, ?::boolean)";
    private static final String COMPLETE_AND_CLAIM = "SELECT " + COLUMNS + " FROM pressroom_agent_complete_and_claim("
            + "?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::timestamp, ?::text, ?::timestamp, ?::varchar, ?::text, ?::boolean)";

    private final DSLContext dsl;

    public JooqAgentHotPath(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<PrintJob> claim(Caller agent, UUID leaseToken, Instant leaseExpiresAt, Instant now, boolean seen) {
        List<PrintJob> rows = run(CLAIM, agent.organizationId(), agent.userId(), agent.printerId(), leaseToken,
                timestamp(leaseExpiresAt), leaseExpiresAt.toString(), timestamp(now), agent.ipAddress(), agent.userAgent(), seen);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @Override
    public Optional<Completed> completeAndClaimNext(Caller agent, UUID jobId, UUID token, UUID nextLeaseToken,
                                                    Instant nextLeaseExpiresAt, Instant now, boolean seen) {
        if (token == null) {
            return Optional.empty();
        }
        List<PrintJob> rows = run(COMPLETE_AND_CLAIM, agent.organizationId(), agent.userId(), agent.printerId(), jobId,
                token, nextLeaseToken, timestamp(nextLeaseExpiresAt), nextLeaseExpiresAt.toString(), timestamp(now),
                agent.ipAddress(), agent.userAgent(), seen);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Completed(rows.get(0), rows.size() > 1 ? Optional.of(rows.get(1)) : Optional.empty()));
    }

    /** A timestamp parameter as the text {@code ?::timestamp} reads (UTC, ISO-8601 without zone). */
    private static String timestamp(Instant instant) {
        return utc(instant).toString();
    }

    /**
     * One statement on a connection of its own, committed with it: plain JDBC (a server-side
     * prepared statement after a few calls), no query rendering on this path.
     */
    private List<PrintJob> run(String sql, Object... args) {
        ConnectionProvider provider = dsl.configuration().connectionProvider();
        Connection c = provider.acquire();
        try {
            boolean auto = c.getAutoCommit();
            if (!auto) {
                c.setAutoCommit(true);
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<PrintJob> rows = new ArrayList<>(2);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(job(rs));
                    }
                }
                return rows;
            } finally {
                if (!auto) {
                    c.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        } finally {
            provider.release(c);
        }
    }

    /** A print_jobs row, its columns as {@link #COLUMNS} lists them. */
    private static PrintJob job(ResultSet rs) throws SQLException {
        java.sql.Array files = rs.getArray(9);
        String config = rs.getString(10);
        int priority = rs.getInt(8); // NOT NULL (V9), as progress_percentage and attempt
        int progress = rs.getInt(11);
        int attempt = rs.getInt(18);
        return PrintJob.restore(new PrintJob.Snapshot(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                rs.getObject(5, UUID.class), rs.getString(6), JobStatus.parse(rs.getString(7)),
                priority,
                files == null ? List.of() : Arrays.asList((UUID[]) files.getArray()),
                JsonValues.readObject(config == null ? null : JSONB.valueOf(config)),
                progress,
                time(rs, 12), time(rs, 13), time(rs, 14),
                rs.getString(15), time(rs, 16), time(rs, 17),
                attempt, rs.getObject(19, UUID.class), time(rs, 20),
                rs.getObject(21, UUID.class)));
    }

    private static Instant time(ResultSet rs, int column) throws SQLException {
        return Times.instant(rs.getObject(column, LocalDateTime.class));
    }
}
