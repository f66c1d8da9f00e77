package io.pressroom.persistence;

import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import java.util.function.Supplier;
import org.jooq.DSLContext;

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
        String organization = scope.organizationId() == null ? "" : scope.organizationId().toString();
        String user = scope.userId() == null ? "" : scope.userId().toString();
        String kind = scope.kind().name().toLowerCase(java.util.Locale.ROOT);
        dsl.connection(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(SCOPE_SQL)) {
                ps.setString(1, organization);
                ps.setString(2, user);
                ps.setString(3, kind);
                ps.execute();
            }
        });
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
