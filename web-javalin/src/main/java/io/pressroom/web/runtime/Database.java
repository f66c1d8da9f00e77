package io.pressroom.web.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's database: the configured PostgreSQL, or an embedded one (real PostgreSQL 17
 * binaries shipped in the jar) with its data under {@code dataDir/pg}, kept across restarts,
 * fsync on. A HikariCP pool in front (connection timeout 3 s, so an outage answers fast).
 * {@link #close()} closes the pool, then stops the embedded server.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    public static final String EMBEDDED_DATABASE = "pressroom";
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final String description;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool, String description) {
        this.embedded = embedded;
        this.pool = pool;
        this.description = description;
    }

    /** Thrown when the database cannot be started or reached; the message says what to do. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Opens the configured database (starting the embedded one when none is configured) and
     * checks that it answers. {@code metrics} (nullable) receives the pool's meters.
     */
    public static Database open(Config config, MeterRegistry metrics) {
        EmbeddedPostgres embedded = null;
        DatabaseUrl url = config.database();
        if (url == null) {
            embedded = startEmbedded(config.embeddedDbDir(), config.embeddedDbPort());
            url = new DatabaseUrl("jdbc:postgresql://localhost:" + embedded.getPort() + "/" + EMBEDDED_DATABASE, "postgres", null);
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("pressroom");
        hc.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            hc.setUsername(url.user());
        }
        if (url.password() != null) {
            hc.setPassword(url.password());
        }
        hc.setMaximumPoolSize(config.dbPoolSize());
        hc.setMinimumIdle(Math.min(2, config.dbPoolSize()));
        hc.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        hc.setValidationTimeout(Math.min(CONNECTION_TIMEOUT.toMillis() - 500, 2_000));
        hc.setInitializationFailTimeout(-1); // checked below, with a message of our own
        hc.addDataSourceProperty("ApplicationName", "pressroom");
        hc.addDataSourceProperty("connectTimeout", "5");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        if (metrics != null) {
            hc.setMetricRegistry(metrics);
        }
        HikariDataSource pool = new HikariDataSource(hc);
        String description = embedded == null ? url.describe()
                : "embedded PostgreSQL on localhost:" + embedded.getPort() + " (data in " + config.embeddedDbDir().toAbsolutePath().normalize() + ")";
        Database db = new Database(embedded, pool, description);
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        } catch (SQLException e) {
            db.close();
            throw new Unavailable("Cannot connect to the database " + description + ": " + e.getMessage()
                    + (config.database() == null ? "" : ". Check DATABASE_URL (or PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE)"
                    + " and that the server accepts connections from here."), e);
        }
        return db;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Where the data lives, without any password (for logs). */
    public String description() {
        return description;
    }

    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            if (embedded != null) {
                try {
                    embedded.close();
                    LOG.info("embedded PostgreSQL stopped");
                } catch (IOException e) {
                    LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
                }
            }
        }
    }

    static EmbeddedPostgres startEmbedded(Path dir, int port) {
        Path data = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new Unavailable("Cannot create the embedded database's directory " + data + ": " + e
                    + ". Set PRESSROOM_DATA_DIR to a writable directory, or DATABASE_URL to use an external PostgreSQL.", e);
        }
        stopOrphanedPostmaster(data);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "100");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres pg;
        try {
            pg = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new Unavailable("The embedded PostgreSQL did not start (data directory " + data + "): " + rootMessage(e)
                    + ". Is another Pressroom running on this data directory" + (port > 0 ? " or port " + port + " taken" : "")
                    + "? Set DATABASE_URL to use an external PostgreSQL instead.", e);
        }
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, EMBEDDED_DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
                }
                LOG.info("created the database '{}' in the embedded PostgreSQL ({})", EMBEDDED_DATABASE, data);
            }
        } catch (SQLException e) {
            try {
                pg.close();
            } catch (IOException ignored) {
                // reporting the first failure
            }
            throw new Unavailable("The embedded PostgreSQL started but cannot be used: " + e.getMessage(), e);
        }
        return pg;
    }

    /**
     * A JVM killed with SIGKILL leaves its embedded postmaster running; the next start would
     * fail on the data directory. Stop it, when {@code postmaster.pid} names a live postgres.
     */
    static void stopOrphanedPostmaster(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            long pid = Long.parseLong(first);
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return;
            }
            String command = process.get().info().command().orElse("");
            if (!command.contains("postgres") || lockHeld(data.resolve("epg-lock"))) {
                return; // not a postgres, or a live Pressroom still owns it (the start fails with a clear message)
            }
            LOG.warn("stopping an orphaned embedded PostgreSQL (pid {}) left on {}", pid, data);
            process.get().destroy(); // SIGTERM: smart shutdown
            process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException | NumberFormatException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            LOG.warn("could not check or stop a previous embedded PostgreSQL on {}: {}", data, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a live process holds the embedded server's lock (zonky's {@code epg-lock}, held while it runs). */
    static boolean lockHeld(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true; // this very JVM holds it
        } catch (IOException e) {
            return true; // cannot tell: do not stop anything
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
