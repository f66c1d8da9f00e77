package io.pressroom.domain.audit;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.function.Consumer;

/**
 * Inbound port: reading the audit trail. An organization's events: its admins. Events of no
 * organization (signup, login, system admin actions): system admins only.
 */
public interface ReadAuditTrail {

    Page<AuditEvent> list(Caller caller, EventFilter filter, PageRequest page);

    /** Streams every matching event to {@code sink}, newest first, as it is read. */
    void export(Caller caller, EventFilter filter, Consumer<AuditEvent> sink);

    Page<AuditEvent> listSystem(Caller systemAdmin, EventFilter filter, PageRequest page);

    void exportSystem(Caller systemAdmin, EventFilter filter, Consumer<AuditEvent> sink);
}
