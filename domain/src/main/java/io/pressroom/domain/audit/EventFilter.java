package io.pressroom.domain.audit;

import io.pressroom.domain.shared.DomainException;
import java.time.Instant;
import java.util.UUID;

/** The filters of the audit trail; every one optional. {@code from} inclusive, {@code to} exclusive. */
public record EventFilter(String entityType, UUID entityId, String eventType, UUID userId, Instant from, Instant to) {
    public EventFilter {
        entityType = blankToNull(entityType, "entityType");
        eventType = blankToNull(eventType, "eventType");
        if (from != null && to != null && !from.isBefore(to)) {
            throw DomainException.Invalid.field("to", "to must be after from");
        }
    }

    public static EventFilter none() {
        return new EventFilter(null, null, null, null, null, null);
    }

    private static String blankToNull(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (s.length() > 100) {
            throw DomainException.Invalid.field(field, field + " must be at most 100 characters");
        }
        return s.strip();
    }
}
