package io.pressroom.domain.audit;

import io.pressroom.domain.shared.Caller;
import java.util.Map;
import java.util.UUID;

/**
 * Outbound port: appends one audit event, inside the caller's unit of work (so a change that
 * rolls back leaves no event). {@code organizationId} null: an event of no organization
 * (signup, login, system admin actions), seen by system admins only.
 */
public interface AuditLog {
    void record(Caller caller, UUID organizationId, String eventType, String entityType, UUID entityId,
                Map<String, Object> eventData);

    /** The common case: the event belongs to the caller's organization. */
    default void record(Caller caller, String eventType, String entityType, UUID entityId, Map<String, Object> eventData) {
        record(caller, caller.organizationId(), eventType, entityType, entityId, eventData);
    }
}
