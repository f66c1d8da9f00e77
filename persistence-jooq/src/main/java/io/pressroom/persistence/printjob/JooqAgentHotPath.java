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
    private static final String CLAIM = "SELECT * FROM pressroom_agent_claim("
            + "?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::timestamp, ?::text, ?::timestamp, ?::varchar, ?::text, ?::boolean)";
    private static final String COMPLETE_AND_CLAIM = "SELECT * FROM pressroom_agent_complete_and_claim("
            + "?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::timestamp, ?::text, ?::timestamp, ?::varchar, ?::text, ?::boolean)";

    private final DSLContext dsl;

    public JooqAgentHotPath(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<PrintJob> claim(Caller agent, UUID leaseToken, Instant leaseExpiresAt, Instant now, boolean seen) {
        List<PrintJob> rows = run(CLAIM, agent.organizationId(), agent.userId(), agent.printerId(), leaseToken,
                utc(leaseExpiresAt), leaseExpiresAt.toString(), utc(now), agent.ipAddress(), agent.userAgent(), seen);
        return rows.stream().findFirst();
    }

    @Override
    public Optional<Completed> completeAndClaimNext(Caller agent, UUID jobId, UUID token, UUID nextLeaseToken,
                                                    Instant nextLeaseExpiresAt, Instant now, boolean seen) {
        if (token == null) {
            return Optional.empty();
        }
        List<PrintJob> rows = run(COMPLETE_AND_CLAIM, agent.organizationId(), agent.userId(), agent.printerId(), jobId,
                token, nextLeaseToken, utc(nextLeaseExpiresAt), nextLeaseExpiresAt.toString(), utc(now),
                agent.ipAddress(), agent.userAgent(), seen);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Completed(rows.get(0), rows.stream().skip(1).findFirst()));
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

    /** A print_jobs row (the functions return the table's row type). */
    private static PrintJob job(ResultSet rs) throws SQLException {
        java.sql.Array files = rs.getArray("file_ids");
        String config = rs.getString("print_config");
        Integer priority = (Integer) rs.getObject("priority");
        Integer progress = (Integer) rs.getObject("progress_percentage");
        Integer attempt = (Integer) rs.getObject("attempt");
        return PrintJob.restore(new PrintJob.Snapshot(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("created_by_user_id", UUID.class), rs.getObject("printer_id", UUID.class),
                rs.getObject("shop_id", UUID.class), rs.getString("job_name"), JobStatus.parse(rs.getString("status")),
                priority == null ? 0 : priority,
                files == null ? List.of() : Arrays.asList((UUID[]) files.getArray()),
                JsonValues.readObject(config == null ? null : JSONB.valueOf(config)),
                progress == null ? 0 : progress,
                time(rs, "estimated_completion"), time(rs, "started_at"), time(rs, "completed_at"),
                rs.getString("error_message"), time(rs, "created_at"), time(rs, "updated_at"),
                attempt == null ? 1 : attempt, rs.getObject("lease_token", UUID.class), time(rs, "lease_expires_at"),
                rs.getObject("claimed_by_printer_id", UUID.class)));
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        return Times.instant(rs.getObject(column, LocalDateTime.class));
    }
}
