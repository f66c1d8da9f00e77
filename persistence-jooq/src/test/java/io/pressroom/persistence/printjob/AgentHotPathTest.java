package io.pressroom.persistence.printjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.Pressroom;
import io.pressroom.domain.printer.Printer;
import io.pressroom.domain.printjob.JobStatus;
import io.pressroom.domain.printjob.PrintJob;
import io.pressroom.domain.printjob.QueueSettings;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The agents' one-round-trip path (V15's functions, {@code JooqAgentHotPath}) against the domain
 * path statement by statement: the same answers, the same job rows, the same audit events; and
 * whatever the domain refuses is still refused, with nothing changed.
 */
class AgentHotPathTest {

    private static Pressroom pressroom(QueueFixture f, boolean hot, QueueFixture.MovableClock clock) {
        return Pressroom.builder().dataSource(f.ds).migrate(false).clock(clock).sweeper(false).agentHotPath(hot)
                .queueSettings(new QueueSettings(Duration.ofSeconds(60), Duration.ofSeconds(30), 3)).build();
    }

    /** claim → progress with an ETA → completeAndClaimNext → completeAndClaimNext (queue empty), on one printer. */
    private static List<String> run(QueueFixture f, Pressroom p, QueueFixture.MovableClock clock, List<UUID> jobIds) {
        Printer printer = f.printer("P-" + UUID.randomUUID(), 30, 40);
        Caller agent = f.agent(printer);
        jobIds.add(f.submit("assigned", 5, printer.id(), List.of()).id());
        jobIds.add(f.submit("unassigned", 3, null, List.of()).id());
        List<String> answers = new ArrayList<>();
        clock.advance(Duration.ofMillis(1234));
        PrintJob first = p.printJobs().claim(agent, printer.id()).orElseThrow();
        answers.add(describe(first, printer));
        clock.advance(Duration.ofSeconds(2));
        p.printJobs().progress(agent, first.id(), first.leaseToken(), 40, clock.instant().plusSeconds(600));
        clock.advance(Duration.ofMillis(1500));
        PrintJob second = p.printJobs().completeAndClaimNext(agent, first.id(), first.leaseToken()).orElseThrow();
        answers.add(describe(second, printer));
        clock.advance(Duration.ofMillis(700));
        Optional<PrintJob> none = p.printJobs().completeAndClaimNext(agent, second.id(), second.leaseToken());
        answers.add(none.map(j -> describe(j, printer)).orElse("empty"));
        for (UUID id : jobIds) {
            answers.add(describe(p.printJobs().get(f.adminCaller, id), printer));
        }
        answers.addAll(events(f, jobIds, printer));
        return answers;
    }

    private static String describe(PrintJob j, Printer printer) {
        PrintJob.Snapshot s = j.snapshot();
        return String.join("|", s.jobName(), s.status().wire(), String.valueOf(s.priority()), String.valueOf(s.progressPercentage()),
                String.valueOf(s.estimatedCompletion()), String.valueOf(s.startedAt()), String.valueOf(s.completedAt()),
                String.valueOf(s.errorMessage()), String.valueOf(s.updatedAt()), String.valueOf(s.attempt()),
                String.valueOf(s.leaseToken() != null), String.valueOf(s.leaseExpiresAt()),
                String.valueOf(printer.id().equals(s.claimedByPrinterId())), String.valueOf(printer.id().equals(s.printerId())));
    }

    /** The jobs' audit events after submission, in order, the printer's id replaced by "P". */
    private static List<String> events(QueueFixture f, List<UUID> jobIds, Printer printer) {
        List<String> out = new ArrayList<>();
        String ids = String.join(",", jobIds.stream().map(id -> "'" + id + "'").toList());
        try (var c = f.ds.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT event_type, entity_type, event_data::text, user_id, ip_address, user_agent,"
                     + " (SELECT job_name FROM print_jobs WHERE id = entity_id) FROM events WHERE entity_id IN (" + ids + ")"
                     + " AND event_type <> 'print_job.submitted' ORDER BY seq")) {
            while (rs.next()) {
                out.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3).replace(printer.id().toString(), "P"),
                        String.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void theOneRoundTripPathAnswersAndWritesWhatTheDomainPathDoes() {
        try (QueueFixture f = new QueueFixture()) {
            Instant start = Instant.parse("2026-03-02T10:00:00.123456Z");
            QueueFixture.MovableClock hotClock = new QueueFixture.MovableClock(start);
            QueueFixture.MovableClock domainClock = new QueueFixture.MovableClock(start);
            List<UUID> hotJobs = new ArrayList<>();
            List<UUID> domainJobs = new ArrayList<>();
            List<String> hot;
            List<String> domain;
            try (Pressroom p = pressroom(f, true, hotClock)) {
                hot = run(f, p, hotClock, hotJobs);
            }
            try (Pressroom p = pressroom(f, false, domainClock)) {
                domain = run(f, p, domainClock, domainJobs);
            }
            assertThat(hot).containsExactlyElementsOf(domain);
            // what was compared: claimed, completed (assignment in the data), claimed, completed (the acting printer)
            assertThat(hot).anyMatch(e -> e.startsWith("print_job.completed|print_job|") && e.contains("\"printerId\": \"P\""));
            assertThat(hot).anyMatch(e -> e.startsWith("print_job.completed|print_job|") && e.contains("\"actorPrinterId\": \"P\""));
            assertThat(hot).anyMatch(e -> e.startsWith("print_job.claimed|print_job|") && e.contains("\"leaseExpiresAt\""));
            assertThat(hot.stream().filter(e -> e.startsWith("print_job.")).count()).isEqualTo(5); // claimed, progress, completed, claimed, completed
        }
    }

    /**
     * A deactivated organization's printers claim nothing: claim and completeAndClaimNext agree,
     * on both paths, whether the agent's Caller was made after the deactivation (it says so: claim
     * answers nothing, a completion is refused as a write to a read-only organization) or before it
     * (a library user's long-lived Caller, or a printer key cached for a few seconds: the claim
     * rule itself reads the organization's state).
     */
    @Test
    void aDeactivatedOrganizationsPrintersClaimNothingOnEitherPath() {
        for (boolean hot : new boolean[] {true, false}) {
            try (QueueFixture f = new QueueFixture();
                 Pressroom p = pressroom(f, hot, new QueueFixture.MovableClock(Instant.parse("2026-03-02T10:00:00Z")))) {
                Printer printer = f.printer("P", 30, 40);
                String key = p.printers().issue(f.adminCaller, printer.id()).key();
                Caller before = p.printers().agent(key, "10.0.0.9", "agent");
                f.submit("first", 5, null, List.of());
                f.submit("second", 3, null, List.of());
                f.submit("third", 1, printer.id(), List.of());
                PrintJob first = p.printJobs().claim(before, printer.id()).orElseThrow();

                f.db.exec("UPDATE organizations SET settings = settings || '{\"is_active\": false}' WHERE id = '" + f.org + "'");
                long events = f.count("SELECT count(*) FROM events WHERE event_type = 'print_job.claimed'");

                // the Caller made before the deactivation still thinks the organization active
                assertThat(before.organizationActive()).isTrue();
                assertThat(p.printJobs().claim(before, printer.id())).as("claim, hot=" + hot).isEmpty();
                assertThat(p.printJobs().completeAndClaimNext(before, first.id(), first.leaseToken()))
                        .as("completeAndClaimNext, hot=" + hot).isEmpty();
                assertThat(p.printJobs().get(f.adminCaller, first.id()).status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(f.count("SELECT count(*) FROM print_jobs WHERE status = 'pending'")).isEqualTo(2);
                assertThat(f.count("SELECT count(*) FROM events WHERE event_type = 'print_job.claimed'")).isEqualTo(events);

                // a Caller made now knows: nothing to claim, and completing is a refused write
                Caller after = f.agent(printer);
                assertThat(after.organizationActive()).isFalse();
                assertThat(p.printJobs().claim(after, printer.id())).isEmpty();
                assertThatThrownBy(() -> p.printJobs().completeAndClaimNext(after, first.id(), first.leaseToken()))
                        .isInstanceOfSatisfying(DomainException.Forbidden.class, e -> assertThat(e.code()).isEqualTo("organization.inactive"));

                // reactivated: claiming resumes where it stopped
                f.db.exec("UPDATE organizations SET settings = settings || '{\"is_active\": true}' WHERE id = '" + f.org + "'");
                assertThat(p.printJobs().claim(before, printer.id()).orElseThrow().jobName()).isEqualTo("second");
            }
        }
    }

    @Test
    void whatTheDomainRefusesIsStillRefusedAndChangesNothing() {
        try (QueueFixture f = new QueueFixture()) {
            Printer printer = f.printer("P", 30, 40);
            Printer other = f.printer("Q", 30, 40);
            Caller agent = f.agent(printer);
            Caller otherAgent = f.agent(other);
            PrintJob submitted = f.submit("job", 5, printer.id(), List.of());
            f.submit("next", 0, null, List.of());
            PrintJob claimed = f.pressroom.printJobs().claim(agent, printer.id()).orElseThrow();
            long events = f.count("SELECT count(*) FROM events WHERE entity_type = 'print_job'");

            // a stale (or absent) token: 409, and the job is still printing under its lease
            assertThatThrownBy(() -> f.pressroom.printJobs().completeAndClaimNext(agent, claimed.id(), UUID.randomUUID()))
                    .isInstanceOfSatisfying(DomainException.Conflict.class, c -> assertThat(c.code()).isEqualTo("print-job.stale-lease"));
            assertThatThrownBy(() -> f.pressroom.printJobs().completeAndClaimNext(agent, claimed.id(), null))
                    .isInstanceOfSatisfying(DomainException.Conflict.class, c -> assertThat(c.code()).isEqualTo("print-job.stale-lease"));
            // another printer's agent, even with the right token: 404
            assertThatThrownBy(() -> f.pressroom.printJobs().completeAndClaimNext(otherAgent, claimed.id(), claimed.leaseToken()))
                    .isInstanceOf(DomainException.NotFound.class);
            // another organization's agent: 404
            Caller stranger = f.otherOrganization();
            Printer strangerPrinter = f.pressroom.printers().create(stranger,
                    new Printer.Draft("S", "dtf", 30.0, 40.0, 300, List.of(), true, false, null, Map.of()));
            Caller strangerAgent = f.pressroom.printers().agent(f.pressroom.printers().issue(stranger, strangerPrinter.id()).key(), "10.0.0.8", "x");
            assertThatThrownBy(() -> f.pressroom.printJobs().completeAndClaimNext(strangerAgent, claimed.id(), claimed.leaseToken()))
                    .isInstanceOf(DomainException.NotFound.class);
            // no such job: 404
            assertThatThrownBy(() -> f.pressroom.printJobs().completeAndClaimNext(agent, UUID.randomUUID(), claimed.leaseToken()))
                    .isInstanceOf(DomainException.NotFound.class);
            assertThat(f.count("SELECT count(*) FROM events WHERE entity_type = 'print_job'")).isEqualTo(events);
            PrintJob still = f.pressroom.printJobs().get(f.adminCaller, submitted.id());
            assertThat(still.status()).isEqualTo(JobStatus.PRINTING);
            assertThat(still.leaseToken()).isEqualTo(claimed.leaseToken());
            assertThat(f.count("SELECT count(*) FROM print_jobs WHERE status = 'pending'")).isEqualTo(1);

            // a paused job is not completed (409 invalid transition), and the fast path leaves it paused
            f.pressroom.printJobs().pause(agent, claimed.id(), claimed.leaseToken());
            assertThatThrownBy(() -> f.pressroom.printJobs().completeAndClaimNext(agent, claimed.id(), claimed.leaseToken()))
                    .isInstanceOfSatisfying(DomainException.Conflict.class, c -> assertThat(c.code()).isEqualTo("print-job.invalid-transition"));
            f.pressroom.printJobs().resume(agent, claimed.id(), claimed.leaseToken());

            // the right token: done, and the next job claimed; the same token again: 409 (the lease ended)
            PrintJob next = f.pressroom.printJobs().completeAndClaimNext(agent, claimed.id(), claimed.leaseToken()).orElseThrow();
            assertThat(next.status()).isEqualTo(JobStatus.PRINTING);
            assertThat(next.claimedByPrinterId()).isEqualTo(printer.id());
            assertThatThrownBy(() -> f.pressroom.printJobs().completeAndClaimNext(agent, claimed.id(), claimed.leaseToken()))
                    .isInstanceOfSatisfying(DomainException.Conflict.class, c -> assertThat(c.code()).isEqualTo("print-job.stale-lease"));
            assertThat(f.pressroom.printJobs().get(f.adminCaller, submitted.id()).status()).isEqualTo(JobStatus.COMPLETED);
            // the agent was seen (its printer's lastSeenAt written by the one-round-trip claim)
            assertThat(f.count("SELECT count(*) FROM printers WHERE id = '" + printer.id() + "' AND last_seen_at IS NOT NULL")).isEqualTo(1);
        }
    }
}
