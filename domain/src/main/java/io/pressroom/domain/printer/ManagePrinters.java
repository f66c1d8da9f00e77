package io.pressroom.domain.printer;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.UUID;

/** Inbound port: an organization's admins manage its printers; members read them. */
public interface ManagePrinters {
    Printer create(Caller caller, Printer.Draft draft);

    Printer update(Caller caller, UUID printerId, Printer.Patch patch);

    void delete(Caller caller, UUID printerId);

    Printer get(Caller caller, UUID printerId);

    Page<Printer> list(Caller caller, PageRequest page);

    /** Online: an agent called within the last two leases. */
    boolean online(Printer printer);
}
