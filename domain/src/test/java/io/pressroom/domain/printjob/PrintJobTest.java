package io.pressroom.domain.printjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pressroom.domain.shared.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command against every state: legal ones move as the contract says, illegal ones throw 409 and change nothing. */
class PrintJobTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOW = T0.plusSeconds(600);
    static final UUID PRINTER = UUID.randomUUID();
    static final UUID TOKEN = UUID.randomUUID();

    /** A command, the states it applies to, and the state it leads to (null: stays). */
    record Command(String name, Set<JobStatus> from, JobStatus to, BiFunction<PrintJob, Instant, JobEvent> run) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final EnumSet<JobStatus> LEASED = EnumSet.of(JobStatus.PRINTING, JobStatus.PAUSED);
    static final EnumSet<JobStatus> OPEN = EnumSet.of(JobStatus.PENDING, JobStatus.HELD, JobStatus.PRINTING, JobStatus.PAUSED);

    static final List<Command> COMMANDS = List.of(
            new Command("hold", EnumSet.of(JobStatus.PENDING), JobStatus.HELD, (j, t) -> j.hold(t)),
            new Command("release", EnumSet.of(JobStatus.HELD), JobStatus.PENDING, (j, t) -> j.release(t)),
            new Command("claim", EnumSet.of(JobStatus.PENDING), JobStatus.PRINTING,
                    (j, t) -> j.claim(PRINTER, UUID.randomUUID(), t.plusSeconds(60), t)),
            new Command("progress", LEASED, null, (j, t) -> j.progress(TOKEN, 40, null, t.plusSeconds(60), t)),
            new Command("pause", EnumSet.of(JobStatus.PRINTING), JobStatus.PAUSED, (j, t) -> j.pause(TOKEN, t.plusSeconds(60), t)),
            new Command("resume", EnumSet.of(JobStatus.PAUSED), JobStatus.PRINTING, (j, t) -> j.resume(TOKEN, t.plusSeconds(60), t)),
            new Command("complete", EnumSet.of(JobStatus.PRINTING), JobStatus.COMPLETED, (j, t) -> j.complete(TOKEN, t)),
            new Command("fail", LEASED, JobStatus.FAILED, (j, t) -> j.fail(TOKEN, "out of ink", t)),
            new Command("cancel", OPEN, JobStatus.CANCELLED, (j, t) -> j.cancel(t)),
            new Command("retry", EnumSet.of(JobStatus.FAILED, JobStatus.CANCELLED), JobStatus.PENDING, (j, t) -> j.retry(t)),
            new Command("reprioritize", OPEN, null, (j, t) -> j.reprioritize(77, t)),
            new Command("reassign", EnumSet.of(JobStatus.PENDING, JobStatus.HELD), null, (j, t) -> j.reassign(PRINTER, t)),
            new Command("lapse", LEASED, JobStatus.PENDING, (j, t) -> j.lapse(3, t)));

    /** A job in {@code status}; leased states hold TOKEN (expired at NOW, so lapse applies). */
    static PrintJob jobIn(JobStatus status) {
        boolean leased = status.leased();
        return PrintJob.restore(new PrintJob.Snapshot(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, null,
                "job", status, 10, List.of(), Map.of(), leased ? 30 : 0, null, leased ? T0 : null,
                status == JobStatus.COMPLETED ? T0 : null, status == JobStatus.FAILED ? "boom" : null, T0, T0, 1,
                leased ? TOKEN : null, leased ? T0.plusSeconds(60) : null, leased ? PRINTER : null));
    }

    static Stream<Arguments> everyStateAndCommand() {
        List<Arguments> all = new ArrayList<>();
        for (JobStatus s : JobStatus.values()) {
            for (Command c : COMMANDS) {
                all.add(Arguments.of(s, c));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("everyStateAndCommand")
    void commandFromState(JobStatus from, Command command) {
        PrintJob job = jobIn(from);
        PrintJob.Snapshot before = job.snapshot();
        if (command.from().contains(from)) {
            JobEvent e = command.run().apply(job, NOW);
            JobStatus expected = command.to() == null ? from : command.to();
            assertEquals(expected, job.status());
            assertThat(e.eventType()).startsWith("print_job.");
            assertThat(e.data()).containsEntry("status", expected.wire());
            assertThat(job.updatedAt()).isEqualTo(NOW);
        } else {
            assertThatThrownBy(() -> command.run().apply(job, NOW))
                    .isInstanceOfSatisfying(DomainException.Conflict.class, c -> assertThat(c.code())
                            .isIn("print-job.invalid-transition", "print-job.stale-lease"))
                    .satisfies(c -> assertThat(((DomainException) c).data()).containsEntry("jobStatus", from.wire()));
            assertEquals(before, job.snapshot(), "a refused command changes nothing");
        }
    }

    @Test
    void everyStateHasALegalWayOut() {
        for (JobStatus s : JobStatus.values()) {
            if (s == JobStatus.COMPLETED) {
                continue; // completed is final
            }
            assertThat(COMMANDS.stream().anyMatch(c -> c.from().contains(s) && c.to() != null && c.to() != s))
                    .as(s.wire()).isTrue();
        }
    }

    @Test
    void aStaleLeaseTokenIsRefusedAndChangesNothing() {
        for (JobStatus s : LEASED) {
            PrintJob job = jobIn(s);
            PrintJob.Snapshot before = job.snapshot();
            UUID stale = UUID.randomUUID();
            for (BiFunction<PrintJob, Instant, JobEvent> report : List.<BiFunction<PrintJob, Instant, JobEvent>>of(
                    (j, t) -> j.progress(stale, 50, null, t, t), (j, t) -> j.pause(stale, t, t),
                    (j, t) -> j.resume(stale, t, t), (j, t) -> j.complete(stale, t), (j, t) -> j.fail(stale, "x", t))) {
                assertThatThrownBy(() -> report.apply(job, NOW))
                        .isInstanceOfSatisfying(DomainException.Conflict.class,
                                c -> assertThat(c.code()).isEqualTo("print-job.stale-lease"));
                assertEquals(before, job.snapshot());
            }
        }
    }

    @Test
    void claimHoldsALeaseAndProgressExtendsIt() {
        PrintJob job = jobIn(JobStatus.PENDING);
        UUID token = UUID.randomUUID();
        job.claim(PRINTER, token, NOW.plusSeconds(60), NOW);
        assertThat(job.leaseToken()).isEqualTo(token);
        assertThat(job.startedAt()).isEqualTo(NOW);
        assertThat(job.claimedByPrinterId()).isEqualTo(PRINTER);
        job.progress(token, 55, NOW.plusSeconds(300), NOW.plusSeconds(100), NOW.plusSeconds(40));
        assertThat(job.leaseExpiresAt()).isEqualTo(NOW.plusSeconds(100));
        assertThat(job.progressPercentage()).isEqualTo(55);
        job.complete(token, NOW.plusSeconds(50));
        assertThat(job.progressPercentage()).isEqualTo(100);
        assertThat(job.completedAt()).isEqualTo(NOW.plusSeconds(50));
        assertThat(job.leaseToken()).isNull();
        assertThatThrownBy(() -> job.complete(token, NOW)).isInstanceOf(DomainException.Conflict.class);
    }

    @Test
    void claimOfAJobAssignedToAnotherPrinterIsRefused() {
        PrintJob job = jobIn(JobStatus.PENDING);
        job.reassign(UUID.randomUUID(), NOW);
        assertThatThrownBy(() -> job.claim(PRINTER, TOKEN, NOW, NOW)).isInstanceOf(DomainException.Conflict.class);
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
    }

    @Test
    void aLapsedLeaseReturnsTheJobWithTheNextAttemptThenFailsAtTheMaximum() {
        PrintJob job = jobIn(JobStatus.PRINTING);
        job.lapse(3, NOW);
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.attempt()).isEqualTo(2);
        assertThat(job.leaseToken()).isNull();
        job.claim(PRINTER, TOKEN, NOW.minusSeconds(1), NOW.minusSeconds(61));
        job.lapse(3, NOW);
        assertThat(job.attempt()).isEqualTo(3);
        job.claim(PRINTER, TOKEN, NOW.minusSeconds(1), NOW.minusSeconds(61));
        JobEvent e = job.lapse(3, NOW);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.errorMessage()).contains("attempt 3 of 3");
        assertThat(e.data()).containsEntry("status", "failed");
    }

    @Test
    void aLeaseThatHasNotLapsedIsNotSwept() {
        PrintJob job = jobIn(JobStatus.PRINTING);
        assertThatThrownBy(() -> job.lapse(3, T0)).isInstanceOf(DomainException.Conflict.class);
        assertThat(job.status()).isEqualTo(JobStatus.PRINTING);
    }

    @Test
    void retryStartsOver() {
        PrintJob job = jobIn(JobStatus.FAILED);
        job.retry(NOW);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.errorMessage()).isNull();
        assertThat(job.completedAt()).isNull();
        assertThat(job.progressPercentage()).isZero();
    }

    @Test
    void invalidInputIsRefusedWithTheField() {
        assertThatThrownBy(() -> PrintJob.submit(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                new PrintJob.Submission(" ", 101, null, null, List.of(), Map.of()), NOW))
                .isInstanceOfSatisfying(DomainException.Invalid.class,
                        i -> assertThat(i.fieldErrors()).containsKeys("jobName", "priority"));
        PrintJob job = jobIn(JobStatus.PENDING);
        assertThatThrownBy(() -> job.reprioritize(-1, NOW)).isInstanceOf(DomainException.Invalid.class);
        PrintJob printing = jobIn(JobStatus.PRINTING);
        assertThatThrownBy(() -> printing.progress(TOKEN, 101, null, NOW, NOW)).isInstanceOf(DomainException.Invalid.class);
        assertThat(printing.progressPercentage()).isEqualTo(30);
    }

    @Test
    void aCanvasConfigIdMustBeAUuid() {
        UUID canvas = UUID.randomUUID();
        PrintJob job = PrintJob.submit(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                new PrintJob.Submission("gang", null, null, null, List.of(), Map.of("canvasConfigId", canvas.toString())), NOW);
        assertThat(job.canvasConfigId()).isEqualTo(canvas);
        assertThat(jobIn(JobStatus.PENDING).canvasConfigId()).isNull();
        for (Object bad : List.of("not-a-uuid", 42, Map.of("id", canvas.toString()), "1-1-1-1-1")) {
            assertThatThrownBy(() -> PrintJob.submit(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                    new PrintJob.Submission("gang", null, null, null, List.of(), Map.of("canvasConfigId", bad)), NOW))
                    .isInstanceOfSatisfying(DomainException.Invalid.class, i -> assertThat(i.fieldErrors())
                            .containsOnlyKeys("printConfig.canvasConfigId")
                            .extractingByKey("printConfig.canvasConfigId").asString()
                            .startsWith("printConfig.canvasConfigId must be the id (a UUID) of one of the organization's canvas configs, was "));
        }
    }

    @Test
    void aTemplateIdMustBeAUuid() {
        UUID template = UUID.randomUUID();
        PrintJob job = PrintJob.submit(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                new PrintJob.Submission("gang", null, null, null, List.of(), Map.of("templateId", template.toString())), NOW);
        assertThat(job.templateId()).isEqualTo(template);
        for (Object bad : List.of("not-a-uuid", 42, List.of(template.toString()), "1-1-1-1-1", "")) {
            assertThatThrownBy(() -> PrintJob.submit(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                    new PrintJob.Submission("gang", null, null, null, List.of(), Map.of("templateId", bad)), NOW))
                    .isInstanceOfSatisfying(DomainException.Invalid.class, i -> assertThat(i.fieldErrors())
                            .containsOnlyKeys("printConfig.templateId")
                            .extractingByKey("printConfig.templateId").asString()
                            .startsWith("printConfig.templateId must be the id (a UUID) of a template, was "));
        }
    }

    @Test
    void anUpdateThatDoesNotApplyChangesNoneOfItsFields() {
        PrintJob job = jobIn(JobStatus.PRINTING);
        PrintJob.Snapshot before = job.snapshot();
        assertThatThrownBy(() -> job.update(50, new PrintJob.Assignment(PRINTER), "renamed", NOW))
                .isInstanceOf(DomainException.Conflict.class);
        assertEquals(before, job.snapshot());
    }
}
