package io.pressroom.persistence.printjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.Pressroom;
import io.pressroom.domain.printer.Printer;
import io.pressroom.domain.printjob.JobStatus;
import io.pressroom.domain.printjob.JobUpdate;
import io.pressroom.domain.printjob.PrintJob;
import io.pressroom.domain.printjob.PrintJobRepository.JobFilter;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueueLibraryTest {

    @Test
    void eightConcurrentAgentsClaimEveryJobExactlyOnce() throws Exception {
        try (QueueFixture f = new QueueFixture()) {
            List<Caller> agents = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Printer p = f.printer("P" + i, 30, 40);
                agents.add(f.agent(p));
                agents.add(f.agent(p)); // two agents (keys) per printer
            }
            int jobs = 400;
            for (int i = 0; i < jobs; i++) {
                f.submit("job " + i, i % 5, null, List.of());
            }
            Set<UUID> claimed = ConcurrentHashMap.newKeySet();
            List<UUID> duplicates = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            for (Caller agent : agents) {
                results.add(pool.submit(() -> {
                    int n = 0;
                    Optional<PrintJob> job = f.pressroom.printJobs().claim(agent, agent.printerId());
                    while (job.isPresent()) {
                        if (!claimed.add(job.get().id())) {
                            duplicates.add(job.get().id());
                        }
                        n++;
                        job = n % 2 == 0
                                ? f.pressroom.printJobs().completeAndClaimNext(agent, job.get().id(), job.get().leaseToken())
                                : Optional.of(f.pressroom.printJobs().complete(agent, job.get().id(), job.get().leaseToken()))
                                        .flatMap(done -> f.pressroom.printJobs().claim(agent, agent.printerId()));
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> r : results) {
                total += r.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(duplicates).isEmpty();
            assertThat(claimed).hasSize(jobs);
            assertThat(total).isEqualTo(jobs);
            assertThat(f.count("SELECT count(*) FROM print_jobs WHERE status = 'completed'")).isEqualTo(jobs);
            assertThat(f.count("SELECT count(*) FROM events WHERE event_type = 'print_job.claimed'")).isEqualTo(jobs);
            assertThat(f.count("SELECT count(*) FROM events WHERE event_type = 'print_job.completed'")).isEqualTo(jobs);
        }
    }

    @Test
    void aDeadAgentsJobReturnsAfterTheLeaseAndItsLateReportIsRefused() {
        try (QueueFixture f = new QueueFixture()) {
            Printer p = f.printer("P", 30, 40);
            Caller dead = f.agent(p);
            Caller alive = f.agent(p);
            PrintJob submitted = f.submit("job", 0, null, List.of());
            PrintJob claimed = f.pressroom.printJobs().claim(dead, p.id()).orElseThrow();
            f.pressroom.printJobs().progress(dead, claimed.id(), claimed.leaseToken(), 10, null);

            f.clock.advance(Duration.ofSeconds(59));
            assertThat(f.pressroom.printJobs().sweep()).isZero(); // the report extended the lease

            f.clock.advance(Duration.ofSeconds(2));
            assertThat(f.pressroom.printJobs().sweep()).isEqualTo(1);
            PrintJob back = f.pressroom.printJobs().get(f.adminCaller, submitted.id());
            assertThat(back.status()).isEqualTo(JobStatus.PENDING);
            assertThat(back.attempt()).isEqualTo(2);
            assertThat(back.leaseToken()).isNull();

            assertThatThrownBy(() -> f.pressroom.printJobs().complete(dead, claimed.id(), claimed.leaseToken()))
                    .isInstanceOfSatisfying(DomainException.Conflict.class,
                            c -> assertThat(c.code()).isEqualTo("print-job.stale-lease"));
            PrintJob reclaimed = f.pressroom.printJobs().claim(alive, p.id()).orElseThrow();
            assertThat(reclaimed.id()).isEqualTo(submitted.id());
            assertThatThrownBy(() -> f.pressroom.printJobs().progress(dead, claimed.id(), claimed.leaseToken(), 50, null))
                    .isInstanceOf(DomainException.Conflict.class);
            assertThat(f.pressroom.printJobs().get(f.adminCaller, submitted.id()).progressPercentage()).isZero();
            f.pressroom.printJobs().complete(alive, reclaimed.id(), reclaimed.leaseToken());
            assertThat(f.count("SELECT count(*) FROM events WHERE event_type = 'print_job.lease_lapsed' AND entity_id = '"
                    + submitted.id() + "'")).isEqualTo(1);
        }
    }

    @Test
    void aJobWhoseLeaseKeepsLapsingFailsAtTheMaximumAttempts() {
        try (QueueFixture f = new QueueFixture()) {
            Printer p = f.printer("P", 30, 40);
            Caller agent = f.agent(p);
            PrintJob job = f.submit("job", 0, null, List.of());
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(f.pressroom.printJobs().claim(agent, p.id())).isPresent();
                f.clock.advance(Duration.ofSeconds(61));
                f.pressroom.printJobs().sweep();
            }
            PrintJob failed = f.pressroom.printJobs().get(f.adminCaller, job.id());
            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.attempt()).isEqualTo(3);
            assertThat(f.pressroom.printJobs().claim(agent, p.id())).isEmpty();
        }
    }

    @Test
    void claimsFollowPriorityThenAge() {
        try (QueueFixture f = new QueueFixture()) {
            Printer p = f.printer("P", 30, 40);
            Caller agent = f.agent(p);
            PrintJob oldLow = f.submit("old low", 1, null, List.of());
            f.clock.advance(Duration.ofSeconds(1));
            PrintJob high = f.submit("high", 90, null, List.of());
            f.clock.advance(Duration.ofSeconds(1));
            PrintJob newLow = f.submit("new low", 1, null, List.of());
            f.clock.advance(Duration.ofSeconds(1));
            PrintJob held = f.submit("held", 100, null, List.of());
            f.pressroom.printJobs().hold(f.adminCaller, held.id());
            List<UUID> order = new ArrayList<>();
            Optional<PrintJob> j;
            while ((j = f.pressroom.printJobs().claim(agent, p.id())).isPresent()) {
                order.add(j.get().id());
            }
            assertThat(order).containsExactly(high.id(), oldLow.id(), newLow.id());
        }
    }

    @Test
    void claimsRouteByAssignmentFitAndTemplate() {
        try (QueueFixture f = new QueueFixture()) {
            Printer small = f.printer("small", 10, 12);
            Printer large = f.printer("large", 24, 100);
            Caller smallAgent = f.agent(small);
            Caller largeAgent = f.agent(large);
            UUID bigFile = f.file(20, 50);
            UUID rotatedFile = f.file(12, 9); // fits the small printer turned
            PrintJob big = f.submit("big", 50, null, List.of(bigFile));
            PrintJob rotated = f.submit("rotated", 40, null, List.of(rotatedFile));
            PrintJob forLarge = f.submit("for large", 90, large.id(), List.of());

            assertThat(f.pressroom.printJobs().claim(smallAgent, small.id()).map(PrintJob::id)).contains(rotated.id());
            assertThat(f.pressroom.printJobs().claim(smallAgent, small.id())).isEmpty();
            assertThat(f.pressroom.printJobs().claim(largeAgent, large.id()).map(PrintJob::id)).contains(forLarge.id());
            assertThat(f.pressroom.printJobs().claim(largeAgent, large.id()).map(PrintJob::id)).contains(big.id());
        }
    }

    @Test
    void anUnassignedJobGoesOnlyToAPrinterItsFilesAreSharpEnoughFor() {
        try (QueueFixture f = new QueueFixture()) {
            Printer fine = f.pressroom.printers().create(f.adminCaller,
                    new Printer.Draft("fine", "dtf", 24.0, 100.0, 600, List.of(), true, false, null, Map.of()));
            Printer coarse = f.pressroom.printers().create(f.adminCaller,
                    new Printer.Draft("coarse", "dtf", 24.0, 100.0, 150, List.of(), true, false, null, Map.of()));
            Printer small = f.pressroom.printers().create(f.adminCaller,
                    new Printer.Draft("small", "dtf", 10.0, 12.0, 150, List.of(), true, false, null, Map.of()));
            Caller fineAgent = f.agent(fine);
            Caller coarseAgent = f.agent(coarse);
            Caller smallAgent = f.agent(small);
            UUID photo = f.raster(1500, 1500, 150); // 10 × 10 in at 150 dpi
            UUID scan = f.raster(3000, 3000, null); // states no DPI: 20 × 20 in at 150 dpi, 5 × 5 in at 600
            PrintJob plain = f.submit("plain", 90, null, List.of(photo));
            PrintJob onSheet = f.pressroom.printJobs().submit(f.adminCaller, new PrintJob.Submission("on a 100 dpi sheet", 50, null,
                    null, List.of(photo), Map.of("canvasConfigId", f.canvasConfig(100).toString())));
            PrintJob undeclared = f.submit("no dpi", 10, null, List.of(scan));

            // the photo's 150 dpi is under the fine printer's 600 (before: it took the plain job, the
            // first by priority); on the canvas config's sheet 100 dpi is enough
            assertThat(f.pressroom.printJobs().claim(fineAgent, fine.id()).map(PrintJob::id)).contains(onSheet.id());
            assertThat(f.pressroom.printJobs().claim(smallAgent, small.id()).map(PrintJob::id)).contains(plain.id());
            // the scan sized at the small printer's 150 dpi is 20 × 20 in; at the fine one's 600, 5 × 5
            assertThat(f.pressroom.printJobs().claim(smallAgent, small.id())).isEmpty();
            assertThat(f.pressroom.printJobs().claim(fineAgent, fine.id()).map(PrintJob::id)).contains(undeclared.id());
            assertThat(f.pressroom.printJobs().claim(coarseAgent, coarse.id())).isEmpty();
        }
    }

    @Test
    void aKeyWorksForItsOwnPrinterOnlyAndRevokedKeysFail() {
        try (QueueFixture f = new QueueFixture()) {
            Printer a = f.printer("A", 30, 40);
            Printer b = f.printer("B", 30, 40);
            Caller agentA = f.agent(a);
            var keyB = f.pressroom.printers().issue(f.adminCaller, b.id());
            Caller agentB = f.pressroom.printers().agent(keyB.key(), null, null);
            f.submit("for b", 0, b.id(), List.of());
            assertThatThrownBy(() -> f.pressroom.printJobs().claim(agentA, b.id())).isInstanceOf(DomainException.NotFound.class);
            PrintJob onB = f.pressroom.printJobs().claim(agentB, b.id()).orElseThrow();
            assertThatThrownBy(() -> f.pressroom.printJobs().complete(agentA, onB.id(), onB.leaseToken()))
                    .isInstanceOf(DomainException.NotFound.class);
            assertThat(f.pressroom.printJobs().get(f.adminCaller, onB.id()).status()).isEqualTo(JobStatus.PRINTING);

            f.pressroom.printers().revoke(f.adminCaller, b.id(), keyB.id());
            assertThatThrownBy(() -> f.pressroom.printers().agent(keyB.key(), null, null))
                    .isInstanceOf(DomainException.Unauthenticated.class);
            assertThat(f.count("SELECT count(*) FROM printer_keys WHERE key_hash LIKE '%" + keyB.key() + "%'")).isZero();
        }
    }

    @Test
    void aDeactivatedOrganizationsPrintersClaimNothing() {
        try (QueueFixture f = new QueueFixture()) {
            Printer p = f.printer("P", 30, 40);
            String key = f.pressroom.printers().issue(f.adminCaller, p.id()).key();
            f.submit("job", 0, null, List.of());
            f.db.exec("UPDATE organizations SET settings = '{\"is_active\": false}' WHERE id = '" + f.org + "'");
            Caller agent = f.pressroom.printers().agent(key, null, null);
            assertThat(f.pressroom.printJobs().claim(agent, p.id())).isEmpty();
            assertThat(f.count("SELECT count(*) FROM print_jobs WHERE status = 'pending'")).isEqualTo(1);
        }
    }

    @Test
    void oneDefaultPrinterPerOrganization() {
        try (QueueFixture f = new QueueFixture()) {
            Printer a = f.pressroom.printers().create(f.adminCaller,
                    new Printer.Draft("A", "uv", 10.0, 10.0, null, List.of(), null, true, null, Map.of()));
            Printer b = f.pressroom.printers().create(f.adminCaller,
                    new Printer.Draft("B", "uv", 10.0, 10.0, null, List.of(), null, true, null, Map.of()));
            assertThat(f.pressroom.printers().get(f.adminCaller, a.id()).isDefault()).isFalse();
            assertThat(b.isDefault()).isTrue();
            f.pressroom.printers().update(f.adminCaller, a.id(),
                    new Printer.Patch(null, null, null, null, null, null, null, true, null, null));
            assertThat(f.count("SELECT count(*) FROM printers WHERE is_default")).isEqualTo(1);
            assertThat(f.pressroom.printers().get(f.adminCaller, a.id()).isDefault()).isTrue();
        }
    }

    @Test
    void anotherOrganizationSeesNoneOfThis() {
        try (QueueFixture f = new QueueFixture()) {
            Printer p = f.printer("P", 30, 40);
            PrintJob job = f.submit("job", 0, null, List.of());
            Caller other = f.otherOrganization();
            assertThatThrownBy(() -> f.pressroom.printJobs().get(other, job.id())).isInstanceOf(DomainException.NotFound.class);
            assertThatThrownBy(() -> f.pressroom.printJobs().cancel(other, job.id())).isInstanceOf(DomainException.NotFound.class);
            assertThatThrownBy(() -> f.pressroom.printers().get(other, p.id())).isInstanceOf(DomainException.NotFound.class);
            assertThat(f.pressroom.printJobs().list(other, JobFilter.none(), PageRequest.first()).items()).isEmpty();
            assertThatThrownBy(() -> f.pressroom.printJobs().submit(other,
                    new PrintJob.Submission("x", 0, p.id(), null, List.of(), Map.of())))
                    .isInstanceOf(DomainException.Invalid.class);
        }
    }

    @Test
    void everyTransitionIsOneAuditEventAndIllegalOnesChangeNothing() {
        try (QueueFixture f = new QueueFixture()) {
            PrintJob job = f.submit("job", 0, null, List.of());
            f.pressroom.printJobs().hold(f.adminCaller, job.id());
            assertThatThrownBy(() -> f.pressroom.printJobs().hold(f.adminCaller, job.id()))
                    .isInstanceOfSatisfying(DomainException.Conflict.class,
                            c -> assertThat(c.code()).isEqualTo("print-job.invalid-transition"));
            f.pressroom.printJobs().release(f.adminCaller, job.id());
            f.pressroom.printJobs().update(f.adminCaller, job.id(), 70, null, "renamed");
            f.pressroom.printJobs().cancel(f.adminCaller, job.id());
            f.pressroom.printJobs().retry(f.adminCaller, job.id());
            assertThat(f.count("SELECT count(*) FROM events WHERE entity_id = '" + job.id() + "'")).isEqualTo(6);
            PrintJob now = f.pressroom.printJobs().get(f.adminCaller, job.id());
            assertThat(now.priority()).isEqualTo(70);
            assertThat(now.jobName()).isEqualTo("renamed");
            assertThat(now.status()).isEqualTo(JobStatus.PENDING);
        }
    }

    @Test
    void progressOnOneInstanceReachesAWatcherOfAnotherInstance() throws Exception {
        try (QueueFixture f = new QueueFixture();
             Pressroom second = Pressroom.builder().dataSource(f.ds).clock(f.clock).sweeper(false).migrate(false).build()) {
            Printer p = f.printer("P", 30, 40);
            Caller agent = f.agent(p);
            PrintJob job = f.submit("job", 0, null, List.of());
            BlockingQueue<JobUpdate> seen = new LinkedBlockingQueue<>();
            try (AutoCloseable watch = second.printJobs().watch(f.adminCaller, job.id(), null, seen::add)) {
                PrintJob claimed = f.pressroom.printJobs().claim(agent, p.id()).orElseThrow();
                f.pressroom.printJobs().progress(agent, job.id(), claimed.leaseToken(), 42, null);
                JobUpdate first = seen.poll(20, TimeUnit.SECONDS);
                JobUpdate second2 = seen.poll(20, TimeUnit.SECONDS);
                assertThat(first).isNotNull();
                assertThat(first.eventType()).isEqualTo("print_job.claimed");
                assertThat(second2).isNotNull();
                assertThat(second2.eventType()).isEqualTo("print_job.progress");
                assertThat(second2.data()).containsEntry("progressPercentage", 42);
                assertThat(second2.seq()).isGreaterThan(first.seq());

                // replay: a watcher resuming after the first event gets the second again
                BlockingQueue<JobUpdate> replay = new LinkedBlockingQueue<>();
                try (AutoCloseable again = second.printJobs().watch(f.adminCaller, null, first.seq(), replay::add)) {
                    JobUpdate r = replay.poll(20, TimeUnit.SECONDS);
                    assertThat(r).isNotNull();
                    assertThat(r.seq()).isEqualTo(second2.seq());
                }
            }
        }
    }
}
