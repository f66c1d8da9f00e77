package io.pressroom.persistence.printjob;

import static io.pressroom.persistence.jooq.generated.Tables.PRINT_JOBS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pressroom.domain.printjob.PrintJob;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.persistence.JooqTransactions;
import io.pressroom.persistence.Prerendered;
import io.pressroom.persistence.jooq.generated.tables.records.PrintJobsRecord;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.junit.jupiter.api.Test;

/**
 * GET /api/print-jobs/{id}'s read: its unit of work (BEGIN, the tenant scope, the SELECT, COMMIT)
 * is sent in one round trip ({@link JooqTransactions#fetchAlone}). Still the tenant's: row-level
 * security applies to the SELECT; a failing statement leaves no aborted transaction on the pooled
 * connection; inside a unit of work it joins it (no COMMIT of the caller's work).
 */
class PrintJobReadTest {

    @Test
    void readsTheJobOfTheCallersOrganizationOnly() {
        try (QueueFixture f = new QueueFixture()) {
            PrintJob mine = f.submit("mine", 3, null, List.of());
            Caller other = f.otherOrganization();
            assertThat(f.pressroom.printJobs().get(f.adminCaller, mine.id()).snapshot().jobName()).isEqualTo("mine");
            assertThat(f.pressroom.printJobs().get(f.adminCaller, mine.id()).snapshot().priority()).isEqualTo(3);
            assertThatThrownBy(() -> f.pressroom.printJobs().get(other, mine.id())).isInstanceOf(DomainException.NotFound.class);
            assertThatThrownBy(() -> f.pressroom.printJobs().get(f.adminCaller, UUID.randomUUID()))
                    .isInstanceOf(DomainException.NotFound.class);
        }
    }

    @Test
    void theSelectRunsAsTheTenantUnderRowLevelSecurity() {
        try (QueueFixture f = new QueueFixture(); Reader r = new Reader(f, 2)) {
            PrintJob mine = f.submit("mine", 0, null, List.of());
            Caller other = f.otherOrganization();
            // the WHERE names the job's organization, the scope another one: row-level security hides the row
            assertThat(r.tx.fetchAlone(other.scope(), r.find, f.org, mine.id())).isEmpty();
            assertThat(r.tx.fetchAlone(f.adminCaller.scope(), r.find, f.org, mine.id()))
                    .extracting(PrintJobsRecord::getJobName).containsExactly("mine");
        }
    }

    @Test
    void aFailingStatementIsRolledBackBeforeTheConnectionGoesBack() {
        try (QueueFixture f = new QueueFixture(); Reader r = new Reader(f, 1)) {
            PrintJob mine = f.submit("mine", 0, null, List.of());
            Prerendered<PrintJobsRecord> divides = new Prerendered<>(r.dsl, PRINT_JOBS, r.dsl.selectFrom(PRINT_JOBS)
                    .where(PRINT_JOBS.ID.eq(DSL.param("id", UUID.class)),
                            PRINT_JOBS.PRIORITY.div(DSL.param("zero", Integer.class)).eq(DSL.inline(1))));
            assertThatThrownBy(() -> r.tx.fetchAlone(f.adminCaller.scope(), divides, mine.id(), 0))
                    .hasStackTraceContaining("division by zero");
            // the pool's only connection: usable, not left in the aborted transaction
            assertThat(f.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'")).isZero();
            assertThat(r.tx.fetchAlone(f.adminCaller.scope(), r.find, f.org, mine.id())).hasSize(1);
        }
    }

    @Test
    void insideAUnitOfWorkItJoinsItAndCommitsNothing() {
        try (QueueFixture f = new QueueFixture(); Reader r = new Reader(f, 2)) {
            PrintJob mine = f.submit("mine", 0, null, List.of());
            assertThatThrownBy(() -> r.tx.run(f.adminCaller.scope(), () -> {
                r.dsl.update(PRINT_JOBS).set(PRINT_JOBS.JOB_NAME, "renamed").where(PRINT_JOBS.ID.eq(mine.id())).execute();
                assertThat(r.tx.fetchAlone(f.adminCaller.scope(), r.find, f.org, mine.id()))
                        .extracting(PrintJobsRecord::getJobName).containsExactly("renamed");
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");
            assertThat(r.tx.fetchAlone(f.adminCaller.scope(), r.find, f.org, mine.id()))
                    .extracting(PrintJobsRecord::getJobName).containsExactly("mine");
        }
    }

    /** A pool of {@code size} connections over the fixture's database, with the units of work and the job read on it. */
    private static final class Reader implements AutoCloseable {
        final HikariDataSource ds;
        final DSLContext dsl;
        final JooqTransactions tx;
        final Prerendered<PrintJobsRecord> find;

        Reader(QueueFixture f, int size) {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(f.db.jdbcUrl());
            cfg.setUsername(f.db.user());
            cfg.setMaximumPoolSize(size);
            ds = new HikariDataSource(cfg);
            DefaultConfiguration c = new DefaultConfiguration();
            c.set(SQLDialect.POSTGRES);
            c.set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(ds)));
            c.set(new Settings().withRenderSchema(false).withExecuteLogging(false));
            dsl = DSL.using(c);
            tx = new JooqTransactions(dsl);
            find = new Prerendered<>(dsl, PRINT_JOBS, dsl.selectFrom(PRINT_JOBS).where(
                    PRINT_JOBS.ORGANIZATION_ID.eq(DSL.param("organizationId", UUID.class)),
                    PRINT_JOBS.ID.eq(DSL.param("id", UUID.class))));
        }

        @Override
        public void close() {
            ds.close();
        }
    }
}
