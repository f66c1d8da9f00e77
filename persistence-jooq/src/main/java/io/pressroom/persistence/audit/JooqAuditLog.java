package io.pressroom.persistence.audit;

import static io.pressroom.persistence.jooq.generated.Tables.EVENTS;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.shared.Caller;
import io.pressroom.persistence.JsonValues;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/** Appends to {@code events} in the current transaction. */
public final class JooqAuditLog implements AuditLog {
    private final DSLContext dsl;

    public JooqAuditLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void record(Caller caller, UUID organizationId, String eventType, String entityType, UUID entityId,
                       Map<String, Object> eventData) {
        dsl.insertInto(EVENTS)
                .set(EVENTS.ORGANIZATION_ID, organizationId)
                .set(EVENTS.USER_ID, caller.userId())
                .set(EVENTS.EVENT_TYPE, eventType)
                .set(EVENTS.ENTITY_TYPE, entityType)
                .set(EVENTS.ENTITY_ID, entityId)
                .set(EVENTS.EVENT_DATA, JsonValues.toJsonb(withPrinter(caller, eventData)))
                .set(EVENTS.IP_ADDRESS, caller.ipAddress())
                .set(EVENTS.USER_AGENT, caller.userAgent())
                .execute();
    }

    private static Map<String, Object> withPrinter(Caller caller, Map<String, Object> data) {
        if (caller.printerId() == null || data.containsKey("printerId")) {
            return data;
        }
        var copy = new java.util.LinkedHashMap<String, Object>(data);
        copy.put("actorPrinterId", caller.printerId().toString());
        return copy;
    }
}
