package io.pressroom.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pressroom's schema, managed: the Flyway migrations under {@code db/migration} and the
 * operations around them that the CLI and the tests share (migrate, info, baseline,
 * adopt-default-org, rollback).
 *
 * <p>Flyway's PostgreSQL transactional advisory lock is turned off: with it on, a
 * {@code CREATE INDEX CONCURRENTLY} (V3) waits for the lock-holding transaction forever.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** The version that holds the legacy single-tenant schema; {@code baseline} records it. */
    public static final String LEGACY_VERSION = "1";
    public static final String DEFAULT_ORGANIZATION_NAME = "Default Organization";
    public static final String HISTORY_TABLE = "flyway_schema_history";

    /** The per-transaction setting that V4's policies read, and the value that V9's maintenance policies open to the owner. */
    static final String SCOPE_SETTING = "pressroom.scope";
    static final String MAINTENANCE_SCOPE = "maintenance";

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final int LOCK_RETRIES = 20;
    private static final int ADOPT_BATCH = 5_000;

    private static final String LOCATION = "classpath:db/migration";

    private final DataSource dataSource;
    private final List<String> locations;

    public Migrations(DataSource dataSource) {
        this(dataSource, List.of());
    }

    /** With further script locations besides {@code db/migration} (tests: a version that "lands late"). */
    Migrations(DataSource dataSource, List<String> extraLocations) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        List<String> all = new ArrayList<>();
        all.add(LOCATION);
        all.addAll(extraLocations);
        this.locations = List.copyOf(all);
    }

    /** Where the database stands, as the CLI and the server's start-up need to know it. */
    public enum SchemaState {
        /** No Pressroom tables and no history: {@code migrate} creates everything. */
        EMPTY,
        /** The legacy tables without Flyway history: run {@code baseline} first. */
        LEGACY_UNMANAGED,
        /** Managed, with the legacy schema only (V1): the server can run in compatibility mode. */
        LEGACY,
        /** Managed, with migrations still pending. */
        BEHIND,
        /** Every migration this build knows is applied. */
        CURRENT,
        /** The database has migrations this build does not know (a newer Pressroom ran). */
        AHEAD
    }

    public record Result(String fromVersion, String toVersion, int applied) {}

    public record Adoption(UUID organizationId, boolean organizationCreated, int usersAdopted, int membersAdded,
                           int canvasConfigsAdopted) {}

    public record Step(String version, String description, String state, String installedOn) {}

    public Flyway flyway() {
        return flyway(null);
    }

    private Flyway flyway(String target) {
        FluentConfiguration cfg = Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .table(HISTORY_TABLE)
                // Versions are handed out ahead of time and land on main in any order, so a
                // database migrated in between lacks a lower version than its latest one: apply
                // it (instead of failing validation with "resolved migration not applied").
                .outOfOrder(true)
                .baselineVersion(LEGACY_VERSION)
                .baselineDescription("legacy single-tenant schema (adopted)")
                .cleanDisabled(true)
                .validateMigrationNaming(true);
        if (target != null) {
            cfg.target(target);
        }
        cfg.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return cfg.load();
    }

    public SchemaState state() {
        try (Connection c = dataSource.getConnection()) {
            boolean history = tableExists(c, HISTORY_TABLE);
            boolean users = tableExists(c, "users");
            if (!history) {
                return users ? SchemaState.LEGACY_UNMANAGED : SchemaState.EMPTY;
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot read the database's state: " + e.getMessage(), e);
        }
        Flyway flyway = flyway();
        var info = flyway.info();
        if (info.current() == null) {
            return SchemaState.EMPTY;
        }
        for (MigrationInfo m : info.all()) {
            if (m.getState() == org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS
                    || m.getState() == org.flywaydb.core.api.MigrationState.FUTURE_FAILED) {
                return SchemaState.AHEAD;
            }
        }
        if (info.pending().length == 0 && !hasUnapplied(info.all())) {
            return SchemaState.CURRENT;
        }
        return LEGACY_VERSION.equals(info.current().getVersion().getVersion()) ? SchemaState.LEGACY : SchemaState.BEHIND;
    }

    /**
     * A known versioned migration the database has not run, whatever state Flyway gives it:
     * PENDING, or IGNORED (lower than the latest applied one; {@code outOfOrder} applies it).
     */
    private static boolean hasUnapplied(MigrationInfo[] all) {
        for (MigrationInfo m : all) {
            if (m.getVersion() != null && (m.getState() == org.flywaydb.core.api.MigrationState.PENDING
                    || m.getState() == org.flywaydb.core.api.MigrationState.IGNORED)) {
                return true;
            }
        }
        return false;
    }

    /** {@code migrate}: applies every pending migration (up to {@code target} when given). */
    public Result migrate(String target) {
        if (state() == SchemaState.LEGACY_UNMANAGED) {
            throw new MigrationException("This database already has the legacy tables (users, templates, "
                    + "canvas_configs) but no migration history. Back it up (pg_dump), then run "
                    + "`pressroom baseline` to adopt it, then `pressroom migrate`.");
        }
        prepareRerunOfInterruptedMigrations();
        Flyway flyway = flyway(target);
        String from = currentVersion(flyway);
        for (int attempt = 1; ; attempt++) {
            try {
                var result = flyway.migrate();
                String to = currentVersion(flyway);
                return new Result(from, to, result.migrationsExecuted);
            } catch (FlywayException e) {
                if (attempt < LOCK_RETRIES && isLockTimeout(e)) {
                    LOG.warn("migration could not take a lock at once (a long transaction holds it); "
                            + "nothing was applied; retrying ({}/{})", attempt, LOCK_RETRIES);
                    sleep(250L * attempt);
                    prepareRerunOfInterruptedMigrations();
                    continue;
                }
                throw new MigrationException("migrate failed: " + e.getMessage(), e);
            }
        }
    }

    public Result migrate() {
        return migrate(null);
    }

    /** {@code info}: every migration this build knows and the database's history of it. */
    public List<Step> info() {
        List<Step> steps = new ArrayList<>();
        for (MigrationInfo m : flyway().info().all()) {
            steps.add(new Step(m.getVersion() == null ? "" : m.getVersion().getVersion(), m.getDescription(),
                    m.getState().getDisplayName(), m.getInstalledOn() == null ? "" : m.getInstalledOn().toInstant().toString()));
        }
        return steps;
    }

    /**
     * {@code baseline}: adopts an existing database that already has the legacy tables, by
     * recording V1 as applied without running it.
     */
    public void baseline() {
        SchemaState state = state();
        if (state != SchemaState.LEGACY_UNMANAGED) {
            throw new MigrationException(switch (state) {
                case EMPTY -> "This database has no legacy tables to adopt; run `pressroom migrate` instead.";
                default -> "This database already has a migration history; nothing to baseline.";
            });
        }
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("users", "templates", "canvas_configs")) {
                if (!tableExists(c, table)) {
                    throw new MigrationException("cannot baseline: the legacy table `" + table + "` is missing");
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot read the database: " + e.getMessage(), e);
        }
        flyway().baseline();
    }

    /**
     * {@code adopt-default-org}: the seed's Step 3, idempotent. One "Default Organization";
     * every user without an organization joins it as an admin, exactly once. Users are updated
     * in batches (short transactions), so a live database keeps taking writes.
     */
    public Adoption adoptDefaultOrganization() {
        requireMultiTenantSchema();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            UUID orgId;
            boolean created = false;
            try (Statement st = c.createStatement()) {
                // Under FORCE ROW LEVEL SECURITY a migrating role that owns the tables but is no
                // superuser sees no tenant rows; V9's <table>_maintenance policies open them to the
                // owner for this session's scope only (reset below, the connection may be pooled).
                st.execute("SELECT set_config('" + SCOPE_SETTING + "', '" + MAINTENANCE_SCOPE + "', false)");
                // serialises concurrent adopters, so two runs never create two organizations
                st.execute("SELECT pg_advisory_xact_lock(hashtext('pressroom.adopt-default-org'))");
            }
            orgId = findDefaultOrganization(c);
            if (orgId == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO organizations (name, description, settings) "
                                + "VALUES (?, 'Migrated from single-tenant setup', '{\"is_active\": true}') RETURNING id")) {
                    ps.setString(1, DEFAULT_ORGANIZATION_NAME);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        orgId = rs.getObject(1, UUID.class);
                    }
                }
                created = true;
            }
            c.commit();

            int adopted = 0;
            int members = 0;
            // Keyset pagination over the primary key: each batch is a short transaction that reads
            // only its own slice, and the run ends even while the legacy application keeps
            // inserting users (a user inserted behind the cursor is left for the next run, which
            // is idempotent).
            UUID cursor = new UUID(0L, 0L); // the smallest uuid in PostgreSQL's (unsigned, bytewise) order
            while (true) {
                try (PreparedStatement ps = c.prepareStatement(
                        // the next slice of the primary key (always an index range scan, whatever the
                        // statistics say), then the users of that slice still to adopt
                        "WITH slice AS (SELECT id FROM users WHERE id > ? ORDER BY id LIMIT ?), "
                                + "batch AS (SELECT u.id FROM users u JOIN slice ON slice.id = u.id WHERE u.org_id IS NULL "
                                + "  AND NOT EXISTS (SELECT 1 FROM organization_members m WHERE m.user_id = u.id) "
                                + "  FOR UPDATE OF u), "
                                + "upd AS (UPDATE users u SET org_id = ? FROM batch WHERE u.id = batch.id RETURNING u.id), "
                                + "ins AS (INSERT INTO organization_members (organization_id, user_id, role) "
                                + "  SELECT ?, upd.id, 'admin' FROM upd "
                                + "  ON CONFLICT (organization_id, user_id) DO NOTHING RETURNING user_id) "
                                + "SELECT (SELECT count(*) FROM upd), (SELECT count(*) FROM ins), (SELECT id FROM slice ORDER BY id DESC LIMIT 1)")) {
                    ps.setObject(1, cursor);
                    ps.setInt(2, ADOPT_BATCH);
                    ps.setObject(3, orgId);
                    ps.setObject(4, orgId);
                    int n;
                    UUID last;
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        n = rs.getInt(1);
                        members += rs.getInt(2);
                        last = rs.getObject(3, UUID.class);
                    }
                    c.commit();
                    adopted += n;
                    if (last == null) {
                        break;
                    }
                    cursor = last;
                }
            }
            // users already in the organization (an earlier, interrupted run) but not members
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO organization_members (organization_id, user_id, role) "
                            + "SELECT ?, u.id, 'admin' FROM users u WHERE u.org_id = ? "
                            + "AND NOT EXISTS (SELECT 1 FROM organization_members m WHERE m.user_id = u.id) "
                            + "ON CONFLICT (organization_id, user_id) DO NOTHING")) {
                ps.setObject(1, orgId);
                ps.setObject(2, orgId);
                members += ps.executeUpdate();
            }
            int configs;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE canvas_configs cc SET organization_id = u.org_id FROM users u "
                            + "WHERE cc.user_id = u.id AND cc.organization_id IS NULL AND u.org_id IS NOT NULL")) {
                configs = ps.executeUpdate();
            }
            c.commit();
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('" + SCOPE_SETTING + "', '', false)");
            }
            c.commit();
            return new Adoption(orgId, created, adopted, members, configs);
        } catch (SQLException e) {
            throw new MigrationException("adopt-default-org failed: " + e.getMessage(), e);
        }
    }

    /**
     * {@code rollback}: the seed's rollback (drops the multi-tenant tables and columns; the
     * legacy tables and their rows stay), and forgets the undone versions so that
     * {@code migrate} works again.
     */
    public void rollback() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = '5s'");
                st.execute(resource("rollback.sql"));
                if (tableExists(c, HISTORY_TABLE)) {
                    st.execute("DELETE FROM " + HISTORY_TABLE
                            + " WHERE version IS NOT NULL AND version <> '" + LEGACY_VERSION + "'"
                            + " AND type <> 'BASELINE' AND type <> 'SCHEMA'");
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new MigrationException("rollback failed (nothing was changed): " + e.getMessage(), e);
        }
    }

    private void requireMultiTenantSchema() {
        SchemaState s = state();
        if (s == SchemaState.EMPTY || s == SchemaState.LEGACY || s == SchemaState.LEGACY_UNMANAGED) {
            throw new MigrationException("the multi-tenant schema is not there yet; run `pressroom migrate` first");
        }
    }

    private static UUID findDefaultOrganization(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM organizations WHERE name = ? AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1")) {
            ps.setString(1, DEFAULT_ORGANIZATION_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /**
     * Leftovers of an interrupted non-transactional migration (a {@code CREATE INDEX CONCURRENTLY}
     * cancelled, timed out on its lock, or cut off with its connection):
     * <ul>
     * <li>INVALID indexes, dropped so that the rerun's {@code CREATE INDEX CONCURRENTLY IF NOT
     * EXISTS} builds them again (IF NOT EXISTS would otherwise keep the broken one) — but never
     * one that another session is building right now;</li>
     * <li>the history row Flyway writes for the failed run ({@code success = false}), which would
     * make every later {@code migrate} stop with "Detected failed migration". Transactional
     * migrations never leave one on PostgreSQL (they roll back), and non-transactional ones are
     * written to be rerun from the start (IF NOT EXISTS, VALIDATE): see DEVELOPERS.md.</li>
     * </ul>
     */
    private void prepareRerunOfInterruptedMigrations() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            List<String> invalid = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname) FROM pg_index i "
                            + "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace "
                            + "WHERE NOT i.indisvalid AND n.nspname = current_schema() "
                            + "AND i.indexrelid NOT IN (SELECT index_relid FROM pg_stat_progress_create_index)")) {
                while (rs.next()) {
                    invalid.add(rs.getString(1));
                }
            }
            for (String index : invalid) {
                LOG.warn("dropping INVALID index {} left by an interrupted concurrent build; migrate builds it again", index);
                st.execute("SET lock_timeout = '5s'");
                st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                st.execute("RESET lock_timeout");
            }
            if (tableExists(c, HISTORY_TABLE)) {
                int forgotten = st.executeUpdate("DELETE FROM " + HISTORY_TABLE + " WHERE NOT success");
                if (forgotten > 0) {
                    LOG.warn("forgot {} failed (interrupted) migration run(s) in {}; migrate runs them again", forgotten, HISTORY_TABLE);
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot prepare the rerun of an interrupted migration: " + e.getMessage(), e);
        }
    }

    private static boolean isLockTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("lock timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String currentVersion(Flyway flyway) {
        var current = flyway.info().current();
        return current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
    }

    static boolean tableExists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(quote_ident(current_schema()) || '.' || quote_ident(?)) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted", e);
        }
    }
}
