package io.pressroom.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Migrating a database that is in use: writers keep going, failures leave nothing broken behind. */
class MigrationsOnALiveDatabaseTest {

    /**
     * The bar is "no insert waits 1 s or more" (measured on 1,000,000 users by bench/migrate);
     * here, on a shared CI machine, the bound is twice that: V2's whole lock budget is 500 ms.
     */
    static final long MAX_WRITER_STALL_MS = 2_000;

    @Test
    void aWriterKeepsInsertingUsersWhileTheLegacyDatabaseIsMigratedAndTheIndexIsBuiltConcurrently() throws Exception {
        var db = TestPostgres.newDatabase();
        Sql.createLegacySchema(db);
        Sql.seedLegacyUsers(db, 200_000);
        var migrations = new Migrations(db.dataSource());
        migrations.baseline();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong inserted = new AtomicLong();
        AtomicLong longestMs = new AtomicLong();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO users (email, password_hash) VALUES (?, 'x')")) {
                while (!stop.get()) {
                    long n = inserted.get();
                    ps.setString(1, "writer" + n + "@example.com");
                    long t0 = System.nanoTime();
                    ps.executeUpdate();
                    longestMs.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), Math::max);
                    inserted.incrementAndGet();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        SchemaIntegrityTest.waitUntil(() -> inserted.get() > 100);
        long beforeMigrate = inserted.get();

        var result = migrations.migrate();
        long afterMigrate = inserted.get();
        Thread.sleep(200);
        stop.set(true);
        writer.get(30, TimeUnit.SECONDS);

        assertThat(result.toVersion()).isNotNull();
        assertThat(afterMigrate).as("the writer inserted while the migration ran").isGreaterThan(beforeMigrate);
        assertThat(longestMs.get()).as("longest single insert (ms) during the migration").isLessThan(MAX_WRITER_STALL_MS);
        assertThat(Sql.count(db, "SELECT count(*) FROM users")).isEqualTo(200_000 + inserted.get());
        assertThat(Sql.one(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_users_org_id'::regclass")).isEqualTo("t");
        assertThat(Sql.count(db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
    }

    @Test
    void adoptDefaultOrgEndsWhileTheLegacyApplicationKeepsInsertingUsers() throws Exception {
        var db = TestPostgres.newDatabase();
        Sql.createLegacySchema(db);
        Sql.seedLegacyUsers(db, 30_000);
        var migrations = new Migrations(db.dataSource());
        migrations.baseline();
        migrations.migrate();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO users (email, password_hash) VALUES (?, 'x')")) {
                for (long n = 0; !stop.get(); n++) {
                    ps.setString(1, "new" + n + "@example.com");
                    ps.executeUpdate();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            var adoption = CompletableFuture.supplyAsync(migrations::adoptDefaultOrganization).get(120, TimeUnit.SECONDS);
            assertThat(adoption.usersAdopted()).isGreaterThanOrEqualTo(30_000);
        } finally {
            stop.set(true);
            writer.get(30, TimeUnit.SECONDS);
        }
        assertThat(Sql.count(db, "SELECT count(*) FROM users u WHERE email LIKE 'legacy%' AND NOT EXISTS "
                + "(SELECT 1 FROM organization_members m WHERE m.user_id = u.id AND m.role = 'admin')")).isZero();
        // what the writer added after the cursor passed is picked up by the next run
        migrations.adoptDefaultOrganization();
        assertThat(Sql.count(db, "SELECT count(*) FROM users WHERE org_id IS NULL")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM organization_members")).isEqualTo(Sql.count(db, "SELECT count(*) FROM users"));
    }

    @Test
    void aFailedConcurrentIndexBuildLeavesAnInvalidIndexThatTheNextMigrateRebuilds() throws Exception {
        var db = TestPostgres.newDatabase();
        var migrations = new Migrations(db.dataSource());
        migrations.migrate("2");

        // an open transaction that wrote to users: CREATE INDEX CONCURRENTLY must wait for it
        try (Connection holder = db.dataSource().getConnection(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("INSERT INTO users (email, password_hash) VALUES ('holder@example.com', 'x')");
            CompletableFuture<Migrations.Result> migrate = CompletableFuture.supplyAsync(migrations::migrate);
            SchemaIntegrityTest.waitUntil(() -> Sql.count(db, "SELECT count(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND query LIKE '%CREATE INDEX CONCURRENTLY%idx_users_org_id%' AND wait_event_type = 'Lock' "
                    + "AND pid <> pg_backend_pid()") == 1);
            // an operator's Ctrl-C, a dropped connection: the build is cancelled half-way
            Sql.one(db, "SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND query LIKE '%CREATE INDEX CONCURRENTLY%idx_users_org_id%' AND pid <> pg_backend_pid()");
            assertThatThrownBy(() -> migrate.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(MigrationException.class);
            holder.commit();
        }
        assertThat(Sql.one(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_users_org_id'::regclass"))
                .as("the cancelled build's leftover").isEqualTo("f");

        var rerun = migrations.migrate();

        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.CURRENT);
        assertThat(rerun.applied()).isGreaterThan(0);
        assertThat(Sql.one(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_users_org_id'::regclass")).isEqualTo("t");
        assertThat(Sql.count(db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM flyway_schema_history WHERE version = '3' AND success")).isEqualTo(1);
        assertThat(Sql.count(db, "SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM users WHERE email = 'holder@example.com'")).isEqualTo(1);
    }

    @Test
    void aMigratingRoleThatOwnsTheTablesButIsNoSuperuserCanMigrateAndAdoptUnderForcedRowSecurity() {
        var db = TestPostgres.newDatabase();
        PGSimpleDataSource asOwner = Sql.nonSuperuserOwner(db);
        var ownerDb = new OwnerDb(asOwner);
        ownerDb.exec(Sql.resource("/db/migration/V1__legacy_single_tenant_schema.sql"));
        ownerDb.exec("INSERT INTO users (email, password_hash) SELECT 'u' || g || '@example.com', 'x' FROM generate_series(1, 50) g;"
                + "INSERT INTO canvas_configs (user_id, name) SELECT id, 'c' FROM users");
        var migrations = new Migrations(asOwner);

        migrations.baseline();
        migrations.migrate();
        var first = migrations.adoptDefaultOrganization();
        var second = migrations.adoptDefaultOrganization();

        assertThat(Sql.one(db, "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = '" + asOwner.getUser() + "'")).isEqualTo("f");
        assertThat(Sql.one(db, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'organizations'::regclass")).isEqualTo(asOwner.getUser());
        assertThat(second.organizationId()).isEqualTo(first.organizationId());
        assertThat(second.organizationCreated()).isFalse();
        // read as the superuser (no RLS): what the owner did
        assertThat(Sql.count(db, "SELECT count(*) FROM organizations")).isEqualTo(1);
        assertThat(Sql.count(db, "SELECT count(*) FROM organization_members WHERE role = 'admin'")).isEqualTo(50);
        assertThat(Sql.count(db, "SELECT count(*) FROM canvas_configs WHERE organization_id = '" + first.organizationId() + "'")).isEqualTo(50);
        // and the wall still stands for the owner outside maintenance
        assertThat(ownerDb.count("SELECT count(*) FROM organizations")).isZero();
        assertThat(ownerDb.count("SELECT count(*) FROM canvas_configs")).isZero();
    }

    record OwnerDb(PGSimpleDataSource ds) {
        void exec(String sql) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        long count(String sql) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
