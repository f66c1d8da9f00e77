package io.pressroom.persistence;

import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

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

    private void applyScope(TenantScope scope) {
        dsl.select(
                        DSL.function("set_config", String.class, DSL.inline(ORGANIZATION_SETTING),
                                DSL.val(scope.organizationId() == null ? "" : scope.organizationId().toString()), DSL.inline(true)),
                        DSL.function("set_config", String.class, DSL.inline(USER_SETTING),
                                DSL.val(scope.userId() == null ? "" : scope.userId().toString()), DSL.inline(true)),
                        DSL.function("set_config", String.class, DSL.inline(SCOPE_SETTING),
                                DSL.val(scope.kind().name().toLowerCase(java.util.Locale.ROOT)), DSL.inline(true)),
                        // row-level security holds even when the login role is a superuser
                        DSL.function("set_config", String.class, DSL.inline("role"), DSL.inline(APP_ROLE), DSL.inline(true)),
                        // TIMESTAMP columns hold UTC: CURRENT_TIMESTAMP defaults follow the session's zone
                        DSL.function("set_config", String.class, DSL.inline("TimeZone"), DSL.inline("UTC"), DSL.inline(true)))
                .fetch();
    }
}
