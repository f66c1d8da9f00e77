package io.pressroom.web.http.printjob;

import io.pressroom.domain.printer.Printer;
import io.pressroom.domain.printer.PrinterKey;
import io.pressroom.domain.printjob.JobUpdate;
import io.pressroom.domain.printjob.PrintJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bodies and answers of the printer, printer-key, print-job and agent routes. */
public final class QueueDtos {
    private QueueDtos() {}

    /** POST and PATCH /api/printers: what may be written (PATCH: absent fields unchanged). */
    public record PrinterFields(String name, String printerType, Double maxWidthInches, Double maxHeightInches, Integer dpi,
                                List<UUID> supportedTemplateIds, Boolean isActive, Boolean isDefault, String notes,
                                Map<String, Object> printerConfig) {
        Printer.Draft toDraft() {
            return new Printer.Draft(name, printerType, maxWidthInches, maxHeightInches, dpi, supportedTemplateIds, isActive,
                    isDefault, notes, printerConfig);
        }

        Printer.Patch toPatch() {
            return new Printer.Patch(name, printerType, maxWidthInches, maxHeightInches, dpi, supportedTemplateIds, isActive,
                    isDefault, notes, printerConfig);
        }
    }

    public record PrinterBody(UUID id, String name, String printerType, double maxWidthInches, double maxHeightInches, int dpi,
                              List<UUID> supportedTemplateIds, boolean isActive, boolean isDefault, String notes,
                              Map<String, Object> printerConfig, Instant lastSeenAt, boolean online, Instant createdAt,
                              Instant updatedAt) {
        static PrinterBody from(Printer p, boolean online) {
            return new PrinterBody(p.id(), p.name(), p.printerType(), p.maxWidthInches(), p.maxHeightInches(), p.dpi(),
                    p.supportedTemplateIds(), p.active(), p.isDefault(), p.notes(), p.printerConfig(), p.lastSeenAt(), online,
                    p.createdAt(), p.updatedAt());
        }
    }

    /** The answer of POST /api/printers/{id}/keys: the key, shown this once. */
    public record IssuedKeyBody(UUID id, UUID printerId, String key, String prefix, Instant createdAt) {
        static IssuedKeyBody from(PrinterKey.Issued k) {
            return new IssuedKeyBody(k.id(), k.printerId(), k.key(), k.prefix(), k.createdAt());
        }
    }

    /** A key as listed: never the key, never its hash. */
    public record KeyBody(UUID id, UUID printerId, String prefix, Instant createdAt, Instant revokedAt) {
        static KeyBody from(PrinterKey k) {
            return new KeyBody(k.id(), k.printerId(), k.prefix(), k.createdAt(), k.revokedAt());
        }
    }

    public record SubmitJob(String jobName, Integer priority, UUID printerId, UUID shopId, List<UUID> fileIds,
                            Map<String, Object> printConfig) {
        PrintJob.Submission toCommand() {
            return new PrintJob.Submission(jobName, priority, printerId, shopId, fileIds, printConfig);
        }
    }

    /** PATCH /api/print-jobs/{id}; {@code "printerId": null} unassigns, an absent printerId keeps it. */
    public record UpdateJob(Integer priority, UUID printerId, String jobName) {}

    public record PrintJobBody(UUID id, String jobName, String status, int priority, UUID printerId, UUID claimedByPrinterId,
                               UUID shopId, List<UUID> fileIds, Map<String, Object> printConfig, int progressPercentage,
                               Instant estimatedCompletion, Instant startedAt, Instant completedAt, String errorMessage,
                               int attempt, Instant leaseExpiresAt, UUID createdByUserId, Instant createdAt, Instant updatedAt) {
        static PrintJobBody from(PrintJob j) {
            return new PrintJobBody(j.id(), j.jobName(), j.status().wire(), j.priority(), j.printerId(), j.claimedByPrinterId(),
                    j.shopId(), j.fileIds(), j.printConfig(), j.progressPercentage(), j.estimatedCompletion(), j.startedAt(),
                    j.completedAt(), j.errorMessage(), j.attempt(), j.leaseExpiresAt(), j.createdByUserId(), j.createdAt(),
                    j.updatedAt());
        }
    }

    /** A claimed job as its agent sees it: the job plus its lease (the token goes to the agent only). */
    public record ClaimedJobBody(UUID id, String jobName, String status, int priority, UUID printerId, UUID claimedByPrinterId,
                                 UUID shopId, List<UUID> fileIds, Map<String, Object> printConfig, int progressPercentage,
                                 Instant estimatedCompletion, Instant startedAt, Instant completedAt, String errorMessage,
                                 int attempt, Instant leaseExpiresAt, UUID createdByUserId, Instant createdAt, Instant updatedAt,
                                 UUID leaseToken) {
        static ClaimedJobBody from(PrintJob j) {
            return new ClaimedJobBody(j.id(), j.jobName(), j.status().wire(), j.priority(), j.printerId(),
                    j.claimedByPrinterId(), j.shopId(), j.fileIds(), j.printConfig(), j.progressPercentage(),
                    j.estimatedCompletion(), j.startedAt(), j.completedAt(), j.errorMessage(), j.attempt(), j.leaseExpiresAt(),
                    j.createdByUserId(), j.createdAt(), j.updatedAt(), j.leaseToken());
        }
    }

    public record LeaseBody(UUID leaseToken) {}

    public record ProgressBody(UUID leaseToken, Integer percent, Instant estimatedCompletion) {}

    public record FailBody(UUID leaseToken, String error) {}

    /** One live-stream event (the SSE data; its id is {@code seq}). */
    public record JobUpdateBody(long seq, String type, UUID jobId, Object status, Object progressPercentage, Object attempt,
                                Object printerId, Object estimatedCompletion, Instant at, Map<String, Object> data) {
        static JobUpdateBody from(JobUpdate u) {
            Map<String, Object> d = u.data();
            return new JobUpdateBody(u.seq(), u.eventType(), u.jobId(), d.get("status"), d.get("progressPercentage"),
                    d.get("attempt"), d.get("printerId"), d.get("estimatedCompletion"), u.at(), d);
        }
    }
}
