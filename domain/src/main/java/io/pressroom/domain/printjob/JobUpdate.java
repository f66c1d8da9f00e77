package io.pressroom.domain.printjob;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of the live stream: a print job's audit event as clients see it. {@code seq}
 * increases with every event of the database and is the SSE event id.
 */
public record JobUpdate(long seq, UUID jobId, String eventType, Map<String, Object> data, Instant at) {}
