package io.pressroom.persistence.printjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.domain.printer.Printer;
import io.pressroom.domain.printjob.JobStatus;
import io.pressroom.domain.printjob.PrintJob;
import io.pressroom.domain.printjob.PrintJobRepository.JobFilter;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The job list's pages (the SQL rendered once for the plain and status-filtered shapes, built per
 * call for the printer and shop filters): newest first, every job once across the cursors, only
 * the organization's, only the status asked for.
 */
class PrintJobListTest {

    @Test
    void pagesWalkEveryJobOnceNewestFirstWithinTheOrganization() {
        try (QueueFixture f = new QueueFixture()) {
            Printer printer = f.printer("Epson", 22, 40);
            List<PrintJob> all = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                all.add(f.submit("job " + i, 0, i % 2 == 0 ? printer.id() : null, List.of()));
                if (i != 3) { // two jobs share a creation time: the id breaks the tie
                    f.clock.advance(Duration.ofSeconds(1));
                }
            }
            List<UUID> held = new ArrayList<>();
            for (int i : new int[] {1, 4, 6}) {
                held.add(f.pressroom.printJobs().hold(f.adminCaller, all.get(i).id()).id());
            }
            Caller other = f.otherOrganization();
            f.pressroom.printJobs().submit(other, new PrintJob.Submission("theirs", 0, null, null, List.of(), Map.of()));

            Comparator<PrintJob> newestFirst = Comparator.comparing((PrintJob j) -> j.snapshot().createdAt())
                    .thenComparing(j -> j.id().toString()).reversed();
            assertThat(walk(f, f.adminCaller, JobFilter.none()))
                    .containsExactlyElementsOf(all.stream().sorted(newestFirst).map(PrintJob::id).toList());
            assertThat(walk(f, f.adminCaller, new JobFilter(JobStatus.HELD, null, null)))
                    .containsExactlyElementsOf(all.stream().filter(j -> held.contains(j.id())).sorted(newestFirst)
                            .map(PrintJob::id).toList());
            assertThat(walk(f, f.adminCaller, new JobFilter(JobStatus.PENDING, printer.id(), null)))
                    .containsExactlyElementsOf(all.stream().filter(j -> !held.contains(j.id()) && printer.id().equals(j.snapshot().printerId()))
                            .sorted(newestFirst).map(PrintJob::id).toList());
            assertThat(walk(f, other, JobFilter.none())).hasSize(1);
        }
    }

    private static List<UUID> walk(QueueFixture f, Caller caller, JobFilter filter) {
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<PrintJob> page = f.pressroom.printJobs().list(caller, filter, new PageRequest(2, cursor));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(j -> seen.add(j.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }
}
