package io.pressroom.persistence.audit;

import io.pressroom.persistence.Times;
import static io.pressroom.persistence.jooq.generated.Tables.EVENTS;

import io.pressroom.domain.audit.AuditEvent;
import io.pressroom.domain.audit.AuditEventRepository;
import io.pressroom.domain.audit.EventFilter;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.persistence.JsonValues;
import io.pressroom.persistence.Keyset;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.persistence.JooqTransactions;
import io.pressroom.persistence.Prerendered;
import io.pressroom.persistence.jooq.generated.tables.records.EventsRecord;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Reads {@code events} newest first; the export walks a server-side cursor (fetch size), never a list. */
public final class JooqAuditEventRepository implements AuditEventRepository {
    /** Rows per round trip of the export's cursor. */
    public static final int EXPORT_FETCH_SIZE = 500;

    private final DSLContext dsl;
    /** An organization's unfiltered pages (GET /api/events), rendered once: the first, and after a cursor. */
    private final Prerendered<EventsRecord> first;
    private final Prerendered<EventsRecord> after;

    private final JooqTransactions transactions;

    public JooqAuditEventRepository(DSLContext dsl, JooqTransactions transactions) {
        this.dsl = dsl;
        this.transactions = transactions;
        Condition org = EVENTS.ORGANIZATION_ID.eq(DSL.param("organizationId", UUID.class));
        this.first = new Prerendered<>(dsl, EVENTS, dsl.selectFrom(EVENTS).where(org)
                .orderBy(EVENTS.CREATED_AT.desc(), EVENTS.ID.desc()).limit(DSL.param("limit", Integer.class)));
        this.after = new Prerendered<>(dsl, EVENTS, dsl.selectFrom(EVENTS)
                .where(org.and(DSL.row(EVENTS.CREATED_AT, EVENTS.ID)
                        .lt(DSL.param("at", java.time.LocalDateTime.class), DSL.param("id", UUID.class))))
                .orderBy(EVENTS.CREATED_AT.desc(), EVENTS.ID.desc()).limit(DSL.param("limit", Integer.class)));
    }

    /** The unfiltered pages in one round trip with their unit of work ({@link JooqTransactions#fetchAlone}). */
    @Override
    public Page<AuditEvent> pageAlone(TenantScope scope, UUID organizationId, EventFilter filter, PageRequest page) {
        if (organizationId == null || !filter.equals(EventFilter.none())) {
            return transactions.inTransaction(scope, () -> page(organizationId, filter, page));
        }
        Keyset.Position before = Keyset.decode(page.cursor());
        var rows = before == null ? transactions.fetchAlone(scope, first, organizationId, page.limit() + 1)
                : transactions.fetchAlone(scope, after, organizationId, before.at(), before.id(), page.limit() + 1);
        return Keyset.page(rows, page.limit(), JooqAuditEventRepository::toEvent, r -> Keyset.encode(r.getCreatedAt(), r.getId()));
    }

    @Override
    public Page<AuditEvent> page(UUID organizationId, EventFilter filter, PageRequest page) {
        Keyset.Position before = Keyset.decode(page.cursor());
        if (organizationId != null && filter.equals(EventFilter.none())) {
            var rows = before == null ? first.fetch(dsl, organizationId, page.limit() + 1)
                    : after.fetch(dsl, organizationId, before.at(), before.id(), page.limit() + 1);
            return Keyset.page(rows, page.limit(), JooqAuditEventRepository::toEvent, r -> Keyset.encode(r.getCreatedAt(), r.getId()));
        }
        Condition c = where(organizationId, filter);
        if (before != null) {
            c = c.and(DSL.row(EVENTS.CREATED_AT, EVENTS.ID).lt(before.at(), before.id()));
        }
        var rows = dsl.selectFrom(EVENTS).where(c)
                .orderBy(EVENTS.CREATED_AT.desc(), EVENTS.ID.desc())
                .limit(page.limit() + 1)
                .fetch();
        return Keyset.page(rows, page.limit(), JooqAuditEventRepository::toEvent, r -> Keyset.encode(r.getCreatedAt(), r.getId()));
    }

    @Override
    public void stream(UUID organizationId, EventFilter filter, Consumer<AuditEvent> sink) {
        try (Cursor<EventsRecord> cursor = dsl.selectFrom(EVENTS).where(where(organizationId, filter))
                .orderBy(EVENTS.CREATED_AT.desc(), EVENTS.ID.desc())
                .fetchSize(EXPORT_FETCH_SIZE)
                .fetchLazy()) {
            for (EventsRecord r : cursor) {
                sink.accept(toEvent(r));
            }
        }
    }

    private static Condition where(UUID organizationId, EventFilter f) {
        Condition c = organizationId == null ? EVENTS.ORGANIZATION_ID.isNull() : EVENTS.ORGANIZATION_ID.eq(organizationId);
        if (f.entityType() != null) {
            c = c.and(EVENTS.ENTITY_TYPE.eq(f.entityType()));
        }
        if (f.entityId() != null) {
            c = c.and(EVENTS.ENTITY_ID.eq(f.entityId()));
        }
        if (f.eventType() != null) {
            c = c.and(EVENTS.EVENT_TYPE.eq(f.eventType()));
        }
        if (f.userId() != null) {
            c = c.and(EVENTS.USER_ID.eq(f.userId()));
        }
        if (f.from() != null) {
            c = c.and(EVENTS.CREATED_AT.ge(Times.utc(f.from())));
        }
        if (f.to() != null) {
            c = c.and(EVENTS.CREATED_AT.lt(Times.utc(f.to())));
        }
        return c;
    }

    private static AuditEvent toEvent(EventsRecord r) {
        return new AuditEvent(r.getId(), r.getOrganizationId(), r.getUserId(), r.getEventType(), r.getEntityType(), r.getEntityId(),
                JsonValues.readObject(r.getEventData()), r.getIpAddress(), r.getUserAgent(), Times.instant(r.getCreatedAt()));
    }
}
