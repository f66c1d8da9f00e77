package io.pressroom.persistence.identity;

import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Units of work on a database that has the legacy schema only (compatibility mode): plain
 * transactions as the login role. There is no runtime role, no row-level security and no tenant
 * table yet; only the legacy {@code users} table is read (and nothing written).
 */
public final class CompatibilityTransactions implements Transactions {
    private final DSLContext dsl;

    public CompatibilityTransactions(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public <T> T inTransaction(TenantScope scope, Supplier<T> work) {
        return dsl.transactionResult(() -> {
            dsl.execute("SET LOCAL TimeZone = 'UTC'");
            return work.get();
        });
    }
}
