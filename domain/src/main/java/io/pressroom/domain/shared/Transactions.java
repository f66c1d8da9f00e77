package io.pressroom.domain.shared;

import java.util.function.Supplier;

/**
 * Outbound port: one unit of work per use case. The adapter opens a transaction, makes the
 * {@link TenantScope} the database's per-transaction tenant context (row-level security),
 * runs {@code work}, and commits; any exception rolls everything back (audit events too).
 */
public interface Transactions {
    <T> T inTransaction(TenantScope scope, Supplier<T> work);

    default void run(TenantScope scope, Runnable work) {
        inTransaction(scope, () -> {
            work.run();
            return null;
        });
    }
}
