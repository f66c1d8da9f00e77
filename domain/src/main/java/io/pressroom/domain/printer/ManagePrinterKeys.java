package io.pressroom.domain.printer;

import io.pressroom.domain.shared.Caller;
import java.util.List;
import java.util.UUID;

/** Inbound port: an admin issues (the key is shown once), lists and revokes a printer's API keys. */
public interface ManagePrinterKeys {
    PrinterKey.Issued issue(Caller caller, UUID printerId);

    List<PrinterKey> list(Caller caller, UUID printerId);

    void revoke(Caller caller, UUID printerId, UUID keyId);
}
