package io.pressroom.domain.audit;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import java.util.function.Consumer;

/** {@link ReadAuditTrail} over the repository, in the caller's (or the system admin's) unit of work. */
public final class AuditTrailService implements ReadAuditTrail {

    private final Transactions transactions;
    private final AuditEventRepository events;

    public AuditTrailService(Transactions transactions, AuditEventRepository events) {
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public Page<AuditEvent> list(Caller caller, EventFilter filter, PageRequest page) {
        caller.requireAdmin();
        return events.pageAlone(caller.scope(), caller.organizationId(), filter, page);
    }

    @Override
    public void export(Caller caller, EventFilter filter, Consumer<AuditEvent> sink) {
        caller.requireAdmin();
        transactions.run(caller.scope(), () -> events.stream(caller.organizationId(), filter, sink));
    }

    @Override
    public Page<AuditEvent> listSystem(Caller systemAdmin, EventFilter filter, PageRequest page) {
        return transactions.inTransaction(systemScope(systemAdmin), () -> events.page(null, filter, page));
    }

    @Override
    public void exportSystem(Caller systemAdmin, EventFilter filter, Consumer<AuditEvent> sink) {
        transactions.run(systemScope(systemAdmin), () -> events.stream(null, filter, sink));
    }

    private static TenantScope systemScope(Caller caller) {
        caller.requireSystemAdmin();
        if (caller.userId() == null) {
            throw new DomainException.Unauthenticated("auth.required", "sign in first");
        }
        return new TenantScope(null, caller.userId(), TenantScope.Kind.SYSTEM);
    }
}
