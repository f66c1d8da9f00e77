package io.pressroom.persistence.printjob;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pressroom.Pressroom;
import io.pressroom.domain.printer.Printer;
import io.pressroom.domain.printjob.PrintJob;
import io.pressroom.domain.printjob.QueueSettings;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Role;
import io.pressroom.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** A fresh database with one organization and its admin, a Pressroom over it, and a clock tests move. */
final class QueueFixture implements AutoCloseable {
    final TestPostgres.Db db = TestPostgres.newDatabase();
    final HikariDataSource ds;
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final Pressroom pressroom;
    final UUID org;
    final UUID admin;
    final Caller adminCaller;

    QueueFixture() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(db.jdbcUrl());
        cfg.setUsername(db.user());
        cfg.setMaximumPoolSize(12);
        ds = new HikariDataSource(cfg);
        pressroom = Pressroom.builder().dataSource(ds).clock(clock).sweeper(false)
                .queueSettings(new QueueSettings(Duration.ofSeconds(60), Duration.ofSeconds(30), 3)).build();
        admin = UUID.randomUUID();
        org = UUID.randomUUID();
        db.exec("INSERT INTO users (id, email, password_hash) VALUES ('" + admin + "', '" + admin + "@x.test', 'x');"
                + "INSERT INTO organizations (id, name) VALUES ('" + org + "', 'Shop');"
                + "INSERT INTO organization_members (organization_id, user_id, role) VALUES ('" + org + "', '" + admin + "', 'admin')");
        adminCaller = Caller.user(admin, false, "127.0.0.1", "test").inOrganization(org, Role.ADMIN);
    }

    /** A second organization (with its admin) on the same database. */
    Caller otherOrganization() {
        UUID u = UUID.randomUUID();
        UUID o = UUID.randomUUID();
        db.exec("INSERT INTO users (id, email, password_hash) VALUES ('" + u + "', '" + u + "@x.test', 'x');"
                + "INSERT INTO organizations (id, name) VALUES ('" + o + "', 'Other');"
                + "INSERT INTO organization_members (organization_id, user_id, role) VALUES ('" + o + "', '" + u + "', 'admin')");
        return Caller.user(u, false, "127.0.0.1", "test").inOrganization(o, Role.ADMIN);
    }

    Printer printer(String name, double w, double h) {
        return pressroom.printers().create(adminCaller,
                new Printer.Draft(name, "dtf", w, h, 300, List.of(), true, false, null, Map.of()));
    }

    Caller agent(Printer p) {
        String key = pressroom.printers().issue(adminCaller, p.id()).key();
        return pressroom.printers().agent(key, "10.0.0.9", "agent");
    }

    PrintJob submit(String name, int priority, UUID printerId, List<UUID> files) {
        return pressroom.printJobs().submit(adminCaller, new PrintJob.Submission(name, priority, printerId, null, files, Map.of()));
    }

    /** A file of the organization with a known printed size. */
    UUID file(double widthInches, double heightInches) {
        UUID id = UUID.randomUUID();
        String hash = String.format("%064x", new java.math.BigInteger(1, id.toString().getBytes()));
        hash = hash.substring(hash.length() - 64);
        db.exec("INSERT INTO files (id, organization_id, filename, original_filename, file_path, file_size, mime_type, file_hash, file_metadata) "
                + "VALUES ('" + id + "', '" + org + "', 'f.png', 'f.png', 'x/f.png', 1, 'image/png', '" + hash + "', "
                + "'{\"widthInches\": " + widthInches + ", \"heightInches\": " + heightInches + ", \"kind\": \"png\"}')");
        return id;
    }

    /** A raster file of the organization as the reader records it: pixels, and DPI when it states one. */
    UUID raster(int widthPx, int heightPx, Integer dpi) {
        UUID id = UUID.randomUUID();
        String hash = String.format("%064x", new java.math.BigInteger(1, id.toString().getBytes()));
        hash = hash.substring(hash.length() - 64);
        String metadata = "{\"kind\": \"png\", \"widthPx\": " + widthPx + ", \"heightPx\": " + heightPx
                + (dpi == null ? "" : ", \"dpiX\": " + dpi + ", \"dpiY\": " + dpi + ", \"widthInches\": " + (widthPx / (double) dpi)
                        + ", \"heightInches\": " + (heightPx / (double) dpi)) + "}";
        db.exec("INSERT INTO files (id, organization_id, filename, original_filename, file_path, file_size, mime_type, file_hash, file_metadata) "
                + "VALUES ('" + id + "', '" + org + "', 'r.png', 'r.png', 'x/r.png', 1, 'image/png', '" + hash + "', '" + metadata + "')");
        return id;
    }

    /** A canvas config of the organization with this DPI. */
    UUID canvasConfig(int dpi) {
        UUID id = UUID.randomUUID();
        db.exec("INSERT INTO canvas_configs (id, organization_id, name, width_inches, height_inches, dpi) VALUES ('" + id + "', '"
                + org + "', 'Sheet " + dpi + "', 22, 60, " + dpi + ")");
        return id;
    }

    long count(String sql) {
        try (var c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pressroom.close();
        ds.close();
    }

    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
