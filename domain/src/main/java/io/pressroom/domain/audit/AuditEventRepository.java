package io.pressroom.domain.audit;

import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.TenantScope;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Outbound port: reading the audit trail, newest first. {@code organizationId} null reads the
 * events of no organization (only a system admin's unit of work can see them).
 */
public interface AuditEventRepository {

    Page<AuditEvent> page(UUID organizationId, EventFilter filter, PageRequest page);

    /**
     * {@link #page} as a unit of work of its own under {@code scope}: the same tenant transaction
     * as {@code transactions.inTransaction(scope, () -> page(...))}, which the adapter may send to
     * the database in one round trip (GET /api/events). Inside a unit of work it joins it.
     */
    Page<AuditEvent> pageAlone(TenantScope scope, UUID organizationId, EventFilter filter, PageRequest page);

    /**
     * Hands every matching event to {@code sink} as it is read from the database (a cursor,
     * never the whole list in memory), inside the current unit of work.
     */
    void stream(UUID organizationId, EventFilter filter, Consumer<AuditEvent> sink);
}
