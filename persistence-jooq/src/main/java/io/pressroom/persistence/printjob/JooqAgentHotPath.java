package io.pressroom.persistence.printjob;

import static io.pressroom.persistence.Times.utc;
import static io.pressroom.persistence.jooq.generated.Tables.PRINT_JOBS;

import io.pressroom.domain.printjob.AgentHotPath;
import io.pressroom.domain.printjob.PrintJob;
import io.pressroom.domain.shared.Caller;
import io.pressroom.persistence.jooq.generated.tables.records.PrintJobsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

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

    /** One statement on a connection of its own, committed with it. */
    private List<PrintJob> run(String sql, Object... args) {
        return dsl.connectionResult(c -> {
            boolean auto = c.getAutoCommit();
            if (!auto) {
                c.setAutoCommit(true);
            }
            try {
                return DSL.using(c, dsl.dialect(), dsl.settings()).resultQuery(sql, args).fetchInto(PRINT_JOBS)
                        .map(JooqAgentHotPath::toDomain);
            } finally {
                if (!auto) {
                    c.setAutoCommit(false);
                }
            }
        });
    }

    private static PrintJob toDomain(PrintJobsRecord r) {
        return JooqPrintJobRepository.toDomain(r);
    }
}
