package io.pressroom.domain.printjob;

import io.pressroom.domain.shared.Caller;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An agent's two hot commands, each as one unit of work in one round trip (an adapter's
 * optimisation of what {@link PrintJobService} otherwise does statement by statement). It
 * applies exactly {@link PrintJob}'s rules and writes exactly the events the domain path
 * writes; when a precondition does not hold it changes nothing and says so, and the service
 * takes the domain path for the precise answer (404/409).
 */
public interface AgentHotPath {

    /** What a completion did: the completed job, and the job claimed next (if any). */
    record Completed(PrintJob completed, Optional<PrintJob> next) {}

    /**
     * Claims the agent's printer's next job with its {@code print_job.claimed} event, and
     * records the agent's presence when {@code seen}.
     */
    Optional<PrintJob> claim(Caller agent, UUID leaseToken, Instant leaseExpiresAt, Instant now, boolean seen);

    /**
     * Completes {@code jobId} if it is printing under {@code token} on the agent's printer, then
     * claims the printer's next job, with both events; empty (nothing changed) if the
     * completion's precondition did not hold.
     */
    Optional<Completed> completeAndClaimNext(Caller agent, UUID jobId, UUID token, UUID nextLeaseToken,
                                             Instant nextLeaseExpiresAt, Instant now, boolean seen);
}
