package io.pressroom.web.runtime;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pressroom.Pressroom;
import io.pressroom.migrations.Migrations;
import io.pressroom.migrations.Migrations.SchemaState;
import io.pressroom.web.WebApp;
import io.pressroom.web.WebOptions;
import io.pressroom.web.http.runtime.MetricsRoutes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve}: the database (embedded or configured), the schema (migrated on start, or
 * compatibility mode on a legacy-only database), the library, the HTTP server. {@link #close()}
 * stops in reverse order: HTTP (draining in-flight requests), the library, the pool, the
 * embedded PostgreSQL.
 */
public final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Database database;
    private final Pressroom pressroom;
    private final Javalin app;
    private final boolean compatibilityMode;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Server(Database database, Pressroom pressroom, Javalin app, boolean compatibilityMode) {
        this.database = database;
        this.pressroom = pressroom;
        this.app = app;
        this.compatibilityMode = compatibilityMode;
    }

    /** Thrown when the schema does not let the server start; the message names the command to run. */
    public static final class SchemaRefused extends RuntimeException {
        public SchemaRefused(String message) {
            super(message);
        }
    }

    /** Thrown when the HTTP port cannot be bound. */
    public static final class CannotListen extends RuntimeException {
        public CannotListen(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Server start(Config config) {
        PrometheusMeterRegistry metrics = MetricsRoutes.newRegistry();
        Database database = Database.open(config, metrics);
        LOG.info("database: {}", database.description());
        Pressroom pressroom = null;
        try {
            boolean compatibilityMode = prepareSchema(new Migrations(database.dataSource()), config);
            pressroom = Pressroom.builder().dataSource(database.dataSource()).migrate(false)
                    .sessionTtl(io.pressroom.web.IdentityStartup.sessionTtl(config.env()))
                    .loginLimits(io.pressroom.web.IdentityStartup.loginLimits(config.env()))
                    .queueSettings(io.pressroom.domain.printjob.QueueSettings.fromEnvironment(config.env()))
                    .fileStore(new io.pressroom.storage.nas.NasFileStore(config.storageDir()))
                    .fileSweep(io.pressroom.domain.file.FileSweepSettings.fromEnvironment(config.env()))
                    .maxUploadBytes(config.maxUploadBytes())
                    .secretKey(config.secretKey())
                    .build();
            // start-up work of other areas goes here, skipped in compatibility mode where it needs the new schema
            if (!compatibilityMode) {
                io.pressroom.web.IdentityStartup.bootstrapAdmin(pressroom, config.env(), System.out);
            }
            WebOptions options = WebOptions.defaults()
                    .withMaxUploadBytes(config.maxUploadBytes())
                    .withTrustedProxies(config.trustedProxies())
                    .withCompatibilityMode(compatibilityMode);
            Javalin app = WebApp.create(pressroom, options, metrics);
            try {
                app.start(config.host(), config.port());
            } catch (RuntimeException e) {
                app.stop();
                if (isBindFailure(e)) {
                    throw new CannotListen("Cannot listen on " + config.host() + ":" + config.port()
                            + ": the port is in use (or not allowed). Set PORT (or --port) to another one.", e);
                }
                throw e;
            }
            Server server = new Server(database, pressroom, app, compatibilityMode);
            String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
            LOG.info("listening on http://{}:{}/ (bound to {})", host, app.port(), config.host());
            return server;
        } catch (RuntimeException e) {
            if (pressroom != null) {
                pressroom.close();
            }
            database.close();
            throw e;
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.BindException || t.getClass().getSimpleName().contains("Bind")) {
                return true;
            }
        }
        return false;
    }

    /** Migrates when asked; answers whether to run in compatibility mode. */
    static boolean prepareSchema(Migrations migrations, Config config) {
        SchemaState state = migrations.state();
        if (config.migrateOnStart()) {
            if (state == SchemaState.LEGACY_UNMANAGED) {
                throw new SchemaRefused("This database already has the legacy tables but no migration history, so it is "
                        + "not migrated automatically. Back it up (pg_dump), then run `java -jar pressroom.jar baseline` and "
                        + "`java -jar pressroom.jar migrate` (and `adopt-default-org`); or start with "
                        + "PRESSROOM_MIGRATE_ON_START=false to serve it in compatibility mode.");
            }
            if (state == SchemaState.AHEAD) {
                LOG.warn("the database has migrations this build does not know (a newer Pressroom migrated it)");
            } else {
                Migrations.Result r = migrations.migrate();
                if (r.applied() > 0) {
                    LOG.info("migrated the schema from {} to {} ({} migrations)", r.fromVersion() == null ? "empty" : r.fromVersion(),
                            r.toVersion(), r.applied());
                }
            }
            LOG.info("schema version {} (current)", version(migrations));
            return false;
        }
        switch (state) {
            case LEGACY, LEGACY_UNMANAGED -> {
                LOG.warn("COMPATIBILITY MODE: the database holds only the legacy schema (PRESSROOM_MIGRATE_ON_START=false). "
                        + "Login works for existing users; the multi-tenant routes answer 503 schema-not-migrated until "
                        + "`java -jar pressroom.jar migrate` is run.");
                LOG.info("schema version {} (legacy)", state == SchemaState.LEGACY ? version(migrations) : "unmanaged legacy");
                return true;
            }
            case EMPTY -> throw new SchemaRefused("The database is empty and PRESSROOM_MIGRATE_ON_START=false: run "
                    + "`java -jar pressroom.jar migrate` first, or start with PRESSROOM_MIGRATE_ON_START=true.");
            case BEHIND -> LOG.warn("schema version {}: migrations are pending and PRESSROOM_MIGRATE_ON_START=false; "
                    + "/health/ready answers 503 until `java -jar pressroom.jar migrate` is run", version(migrations));
            case AHEAD -> LOG.warn("schema version {}: the database has migrations this build does not know", version(migrations));
            case CURRENT -> LOG.info("schema version {} (current)", version(migrations));
        }
        return false;
    }

    private static String version(Migrations migrations) {
        String v = null;
        for (Migrations.Step s : migrations.info()) {
            if (!s.installedOn().isEmpty() && !s.version().isEmpty()) {
                v = s.version();
            }
        }
        return v == null ? "none" : v;
    }

    public int port() {
        return app.port();
    }

    public boolean compatibilityMode() {
        return compatibilityMode;
    }

    public Pressroom pressroom() {
        return pressroom;
    }

    /** Stops accepting, drains in-flight requests, then closes the library, the pool and the embedded database. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping: draining in-flight requests");
        try {
            app.stop();
        } finally {
            try {
                pressroom.close();
            } finally {
                database.close();
                LOG.info("stopped");
            }
        }
    }
}
