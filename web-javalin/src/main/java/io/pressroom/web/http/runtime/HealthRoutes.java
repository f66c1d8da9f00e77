package io.pressroom.web.http.runtime;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pressroom.migrations.Migrations;
import io.pressroom.migrations.Migrations.SchemaState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * {@code GET /health/live} (no dependency) and {@code GET /health/ready}: the database answers a
 * query within {@link #TIMEOUT}, and its schema is one this server serves ({@code current}, or
 * {@code legacy} in compatibility mode). The schema state ({@link Migrations#state()}, which reads
 * Flyway's history) is cached for a few seconds; the database ping is not.
 */
public final class HealthRoutes {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long SCHEMA_CACHE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final ExecutorService CHECKS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pressroom-health");
        t.setDaemon(true);
        return t;
    });

    private final DataSource dataSource;
    private final Migrations migrations;
    private final boolean compatibilityMode;
    private volatile Snapshot cached;

    public HealthRoutes(DataSource dataSource, Migrations migrations, boolean compatibilityMode) {
        this.dataSource = dataSource;
        this.migrations = migrations;
        this.compatibilityMode = compatibilityMode;
    }

    /** What the readiness check answers. */
    public record Ready(String status, String database, String schema, String schemaVersion, boolean compatibilityMode,
                        String detail) {}

    private record Snapshot(long at, SchemaState state, String version) {}

    public void register(RoutesConfig routes) {
        routes.get("/health/live", ctx -> ctx.json(Map.of("status", "up")));
        routes.get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        Ready ready = check();
        ctx.status("ready".equals(ready.status()) ? 200 : 503).json(ready);
    }

    /** Runs the readiness check (bounded by {@link #TIMEOUT}). */
    public Ready check() {
        String version;
        try {
            version = CompletableFuture.supplyAsync(this::ping, CHECKS).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return down("the database did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return down("the database is unreachable: " + cause.getMessage());
        }
        SchemaState state;
        try {
            state = schemaState(version);
        } catch (RuntimeException e) {
            return down("cannot read the schema state: " + e.getMessage());
        }
        String schema = state.name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (compatibilityMode) {
            return new Ready("ready", "up", "legacy", version, true, null);
        }
        if (state == SchemaState.CURRENT || state == SchemaState.AHEAD) {
            return new Ready("ready", "up", schema, version, false, null);
        }
        return new Ready("unavailable", "up", schema, version, false,
                "the database schema is " + schema + "; run `java -jar pressroom.jar migrate`");
    }

    private Ready down(String detail) {
        return new Ready("unavailable", "down", "unknown", null, compatibilityMode, detail);
    }

    /** One round trip; answers the latest applied migration version (null without history). */
    private String ping() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout((int) TIMEOUT.toSeconds());
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + Migrations.HISTORY_TABLE + "') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return null;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT version FROM " + Migrations.HISTORY_TABLE
                    + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private SchemaState schemaState(String version) {
        Snapshot s = cached;
        long now = System.nanoTime();
        if (s != null && now - s.at() < SCHEMA_CACHE_NANOS && java.util.Objects.equals(s.version(), version)) {
            return s.state();
        }
        SchemaState state = migrations.state();
        cached = new Snapshot(now, state, version);
        return state;
    }
}
