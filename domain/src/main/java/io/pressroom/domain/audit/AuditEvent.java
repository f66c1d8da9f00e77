package io.pressroom.domain.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One entry of the audit trail (append-only). {@code organizationId} null: an event of no organization. */
public record AuditEvent(UUID id, UUID organizationId, UUID userId, String eventType, String entityType, UUID entityId,
                         Map<String, Object> eventData, String ipAddress, String userAgent, Instant createdAt) {
    public AuditEvent {
        eventData = eventData == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(eventData));
    }
}
