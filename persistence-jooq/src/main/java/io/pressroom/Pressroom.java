package io.pressroom;

import io.pressroom.domain.shared.Transactions;
import io.pressroom.migrations.Migrations;
import io.pressroom.persistence.JooqTransactions;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

/**
 * Pressroom as a library: the domain services assembled over a {@link DataSource} (plain
 * {@code new}, no container, no HTTP). The server builds exactly this and puts Javalin in
 * front of it. {@link #close()} stops background work (the lease sweeper); the
 * {@code DataSource} stays the caller's.
 *
 * <pre>{@code
 * try (Pressroom pressroom = Pressroom.builder().dataSource(ds).build()) {
 *     ...
 * }
 * }</pre>
 */
public final class Pressroom implements AutoCloseable {

    private final DataSource dataSource;
    private final Clock clock;
    private final Migrations migrations;
    private final DSLContext dsl;
    private final Transactions transactions;

    private Pressroom(Builder b) {
        this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource is required");
        this.clock = b.clock;
        this.migrations = new Migrations(dataSource);
        if (b.migrate) {
            migrations.migrate();
        }
        this.dsl = dsl(dataSource);
        this.transactions = new JooqTransactions(dsl);
    }

    static DSLContext dsl(DataSource dataSource) {
        DefaultConfiguration cfg = new DefaultConfiguration();
        cfg.set(SQLDialect.POSTGRES);
        cfg.set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource)));
        cfg.set(new Settings().withRenderSchema(false).withExecuteLogging(false));
        return org.jooq.impl.DSL.using(cfg);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The database it was built over (the caller's; Pressroom never closes it). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The schema operations (migrate, info, baseline, adopt-default-org, rollback). */
    public Migrations migrations() {
        return migrations;
    }

    public Transactions transactions() {
        return transactions;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        // background work (sweeper, listeners) stops here as it is added
    }

    public static final class Builder {
        private DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private boolean migrate = true;

        private Builder() {}

        /** The database; required. Pressroom never closes it. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** Apply pending migrations when built (default true). */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Pressroom build() {
            return new Pressroom(this);
        }
    }
}
