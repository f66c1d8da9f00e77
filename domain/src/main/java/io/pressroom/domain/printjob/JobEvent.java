package io.pressroom.domain.printjob;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one transition of a {@link PrintJob} did: the audit event's type (e.g.
 * {@code print_job.claimed}) and data. The data always carries the job's {@code status},
 * {@code progressPercentage} and {@code attempt} after the transition, so a job's history and
 * its live stream can be read from its events alone.
 */
public record JobEvent(String eventType, Map<String, Object> data) {
    public static final String ENTITY_TYPE = "print_job";

    public JobEvent {
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    static JobEvent of(String type, PrintJob job, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", job.status().wire());
        data.put("progressPercentage", job.progressPercentage());
        data.put("attempt", job.attempt());
        data.put("priority", job.priority());
        if (job.estimatedCompletion() != null) {
            data.put("estimatedCompletion", job.estimatedCompletion().toString());
        }
        if (job.status().leased() && job.claimedByPrinterId() != null) {
            data.put("printerId", job.claimedByPrinterId().toString());
        } else if (job.printerId() != null) {
            data.put("printerId", job.printerId().toString());
        }
        data.putAll(extra);
        return new JobEvent(type, data);
    }
}
