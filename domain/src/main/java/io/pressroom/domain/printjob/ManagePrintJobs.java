package io.pressroom.domain.printjob;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.UUID;

/** Inbound port: members submit print jobs and steer them through the queue. */
public interface ManagePrintJobs {
    PrintJob submit(Caller caller, PrintJob.Submission submission);

    PrintJob get(Caller caller, UUID jobId);

    Page<PrintJob> list(Caller caller, PrintJobRepository.JobFilter filter, PageRequest page);

    PrintJob hold(Caller caller, UUID jobId);

    PrintJob release(Caller caller, UUID jobId);

    PrintJob cancel(Caller caller, UUID jobId);

    PrintJob retry(Caller caller, UUID jobId);

    /** Priority, printer ({@code assignment} null: unchanged) and name; null fields unchanged. */
    PrintJob update(Caller caller, UUID jobId, Integer priority, PrintJob.Assignment assignment, String jobName);
}
