package io.pressroom.domain.printjob;

import io.pressroom.domain.shared.Caller;
import java.util.UUID;
import java.util.function.Consumer;

/** Inbound port: a member follows the organization's jobs (or one job) live. */
public interface WatchPrintJobs {
    /** Replays the updates after {@code lastEventId} (null: none), then streams live ones until closed. */
    AutoCloseable watch(Caller caller, UUID jobId, Long lastEventId, Consumer<JobUpdate> sink);
}
