package io.pressroom.persistence;

import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The unit of work: a jOOQ transaction (thread-bound, so every repository built on the same
 * {@link DSLContext} joins it; nested calls become savepoints) whose first statement makes the
 * {@link TenantScope} the transaction's tenant context ({@code set_config(..., true)}: it ends
 * with the transaction, so pooled connections never carry it over).
 */
public final class JooqTransactions implements Transactions {

    public static final String ORGANIZATION_SETTING = "pressroom.organization_id";
    public static final String USER_SETTING = "pressroom.user_id";
    public static final String SCOPE_SETTING = "pressroom.scope";
    /** The runtime role: owns nothing, no BYPASSRLS (created by V4). */
    public static final String APP_ROLE = "pressroom_app";

    private final DSLContext dsl;

    public JooqTransactions(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public <T> T inTransaction(TenantScope scope, Supplier<T> work) {
        return dsl.transactionResult(() -> {
            applyScope(scope);
            return work.get();
        });
    }

    /**
     * The scope's one statement. Plain JDBC with a constant SQL string (prepared once per pooled
     * connection by pgjdbc): it runs at the start of every unit of work, and building and rendering
     * it with jOOQ cost more CPU than PostgreSQL spends running it. The connection is the
     * transaction's (jOOQ's thread-bound transaction provider hands it out).
     */
    private void applyScope(TenantScope scope) {
        dsl.connection(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(SCOPE_SQL)) {
                bindScope(ps, scope);
                ps.execute();
            }
        });
    }

    /** The scope statement's three parameters (the first three of {@code ps}). */
    private static void bindScope(PreparedStatement ps, TenantScope scope) throws SQLException {
        ps.setString(1, scope.organizationId() == null ? "" : scope.organizationId().toString());
        ps.setString(2, scope.userId() == null ? "" : scope.userId().toString());
        ps.setString(3, scope.kind().name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A unit of work whose whole work is one read, {@code query} with {@code values}: the same
     * statements as {@code inTransaction(scope, () -> query.fetch(dsl, values))} (BEGIN, the
     * scope's statement, the query, COMMIT), sent as one pgjdbc statement: four Parse/Bind/Execute
     * and one Sync, so one round trip to the database instead of three (pgjdbc sends BEGIN with
     * the first statement of a transaction). For reads on every request's path (GET
     * /api/print-jobs/{id}); the database runs exactly what it runs for the unit of work (the
     * bench's peer replays these statements one round trip each).
     *
     * <p>If a statement fails, the database skips the rest up to the Sync and the transaction is
     * left aborted: it is rolled back here before the error is thrown, so the pooled connection goes
     * back clean. Called inside a unit of work already (the connection is not in autocommit), it
     * runs as a nested unit of work.
     */
    public <R extends TableRecord<R>> List<R> fetchAlone(TenantScope scope, Prerendered<R> query, Object... values) {
        return dsl.connectionResult(c -> {
            if (!c.getAutoCommit()) {
                return inTransaction(scope, () -> query.fetch(dsl, values));
            }
            try {
                return fetchAlone(c, scope, query, values);
            } catch (SQLException | RuntimeException e) {
                rollbackIfOpen(c, e);
                throw e;
            }
        });
    }

    private <R extends TableRecord<R>> List<R> fetchAlone(Connection c, TenantScope scope, Prerendered<R> query,
                                                          Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query.aloneSql())) {
            bindScope(ps, scope);
            query.bind(ps, 3, values);
            List<R> rows = null;
            int resultSets = 0; // the scope's row, then the query's rows
            for (boolean isResultSet = ps.execute(); ; isResultSet = ps.getMoreResults()) {
                if (isResultSet) {
                    if (++resultSets == 2) {
                        try (ResultSet rs = ps.getResultSet()) {
                            rows = query.rows(dsl, rs);
                        }
                    }
                } else if (ps.getUpdateCount() == -1) {
                    break;
                }
            }
            if (rows == null) {
                throw new IllegalStateException("no rows came back from " + query.aloneSql());
            }
            return rows;
        }
    }

    private static void rollbackIfOpen(Connection c, Exception failure) {
        try {
            BaseConnection pg = c.unwrap(BaseConnection.class);
            if (pg.getTransactionState() != TransactionState.IDLE) {
                try (Statement st = c.createStatement()) {
                    st.execute("ROLLBACK");
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e); // a broken connection: the pool drops it
        }
    }

    /** BEGIN, the scope's statement, {@code querySql}, COMMIT: one statement for pgjdbc. */
    static String aloneSql(String querySql) {
        return "BEGIN; " + SCOPE_SQL + "; " + querySql + "; COMMIT";
    }

    /**
     * The tenant settings, the runtime role (row-level security holds even when the login role is a
     * superuser) and TimeZone UTC (TIMESTAMP columns hold UTC: CURRENT_TIMESTAMP defaults follow
     * the session's zone), all local to the transaction.
     */
    static final String SCOPE_SQL = "select set_config('" + ORGANIZATION_SETTING + "', ?, true), set_config('"
            + USER_SETTING + "', ?, true), set_config('" + SCOPE_SETTING + "', ?, true), set_config('role', '"
            + APP_ROLE + "', true), set_config('TimeZone', 'UTC', true)";
}
