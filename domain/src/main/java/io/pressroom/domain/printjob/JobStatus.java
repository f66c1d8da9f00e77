package io.pressroom.domain.printjob;

import io.pressroom.domain.shared.DomainException;
import java.util.Locale;

/** The states of a print job (the contract's, as stored in {@code print_jobs.status}). */
public enum JobStatus {
    PENDING, HELD, PRINTING, PAUSED, COMPLETED, FAILED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** No further work happens in these states (retry brings failed/cancelled back). */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** An agent holds a lease on the job. */
    public boolean leased() {
        return this == PRINTING || this == PAUSED;
    }

    public static JobStatus parse(String raw) {
        if (raw != null) {
            for (JobStatus s : values()) {
                if (s.wire().equals(raw)) {
                    return s;
                }
            }
        }
        throw DomainException.Invalid.field("status",
                "status must be one of pending, held, printing, paused, completed, failed, cancelled; was '" + raw + "'");
    }
}
