package io.pressroom.domain.printjob;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Outbound port: the print jobs' events as a live feed that reaches every server instance on
 * the same database (the adapter listens with PostgreSQL LISTEN/NOTIFY).
 */
public interface JobFeed {
    /**
     * Streams the organization's job updates (of one job when {@code jobId} is set) to
     * {@code sink}: first those after {@code afterSeq} (null: none, live only), then new ones,
     * in order, until the returned handle is closed.
     */
    AutoCloseable subscribe(UUID organizationId, UUID jobId, Long afterSeq, Consumer<JobUpdate> sink);

    /** Called after a unit of work that changed the organization's jobs has committed. */
    void changed(UUID organizationId);

    static JobFeed none() {
        return new JobFeed() {
            @Override
            public AutoCloseable subscribe(UUID organizationId, UUID jobId, Long afterSeq, Consumer<JobUpdate> sink) {
                return () -> {};
            }

            @Override
            public void changed(UUID organizationId) {}
        };
    }
}
