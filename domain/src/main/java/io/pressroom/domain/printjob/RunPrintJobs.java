package io.pressroom.domain.printjob;

import io.pressroom.domain.shared.Caller;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Inbound port: a printer's agent (authenticated by its printer key) claims the next job and
 * reports on the jobs it holds, each report carrying the lease token of its claim.
 */
public interface RunPrintJobs {
    Optional<PrintJob> claim(Caller agent, UUID printerId);

    PrintJob progress(Caller agent, UUID jobId, UUID leaseToken, int percent, Instant estimatedCompletion);

    PrintJob pause(Caller agent, UUID jobId, UUID leaseToken);

    PrintJob resume(Caller agent, UUID jobId, UUID leaseToken);

    PrintJob complete(Caller agent, UUID jobId, UUID leaseToken);

    /** Completes the job and claims the printer's next one in the same unit of work (one commit per job). */
    Optional<PrintJob> completeAndClaimNext(Caller agent, UUID jobId, UUID leaseToken);

    PrintJob fail(Caller agent, UUID jobId, UUID leaseToken, String error);
}
