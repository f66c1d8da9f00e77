package io.pressroom.domain.printer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records that a printer's agent called ({@code lastSeenAt}), at most once per
 * {@code resolution} per printer and instance, so the hot claim/report path does not write the
 * printer row on every call. {@code online} (a call within two leases) stays exact to within
 * the resolution (a quarter lease).
 */
public final class AgentPresence {
    private final PrinterRepository printers;
    private final Duration resolution;
    private final Map<UUID, Instant> lastWritten = new ConcurrentHashMap<>();

    public AgentPresence(PrinterRepository printers, Duration resolution) {
        this.printers = printers;
        this.resolution = resolution;
    }

    /** Call inside the agent's unit of work. */
    public void seen(UUID organizationId, UUID printerId, Instant now) {
        if (due(printerId, now)) {
            printers.touchLastSeen(organizationId, printerId, now);
        }
    }

    /**
     * Whether this call must write {@code lastSeenAt} (then taken as written): for a unit of
     * work that writes it itself (the agent's one-round-trip path).
     */
    public boolean due(UUID printerId, Instant now) {
        Instant last = lastWritten.get(printerId);
        if (last != null && last.plus(resolution).isAfter(now)) {
            return false;
        }
        lastWritten.put(printerId, now);
        return true;
    }
}
