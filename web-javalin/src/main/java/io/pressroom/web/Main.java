package io.pressroom.web;

import io.pressroom.migrations.MigrationException;
import io.pressroom.migrations.Migrations;
import io.pressroom.web.runtime.Config;
import io.pressroom.web.runtime.Database;
import io.pressroom.web.runtime.DatabaseUrl;
import io.pressroom.web.runtime.Server;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The runnable jar: {@code java -jar pressroom.jar [serve|migrate|info|baseline|rollback|adopt-default-org|create-admin]}.
 * Configuration comes from the environment ({@link Config}); flags override it. Exit codes:
 * 0 done, 1 failed (the message says why), 2 bad usage or configuration, 3 database unavailable.
 */
@Command(name = "pressroom", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Runs print shops: organizations, shops, NAS files, printers and their print-job queue.",
                "Without a subcommand: serve. Configuration from the environment (DATABASE_URL, PORT, PRESSROOM_*); flags override it."},
        subcommands = {Main.Serve.class, Main.Migrate.class, Main.Info.class, Main.Baseline.class, Main.Rollback.class,
                Main.AdoptDefaultOrg.class, Main.CreateAdmin.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (the message says why)", "2:bad usage or configuration", "3:database unavailable"})
public final class Main implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int DATABASE_UNAVAILABLE = 3;

    private final Map<String, String> env;

    Main(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv());
        if (code != OK) {
            System.exit(code);
        }
        // serve ended by SIGTERM: the JVM is already shutting down, do not call System.exit from here
    }

    /** Runs one command line against {@code env}; answers the exit code (serve blocks until shut down). */
    public static int run(String[] args, Map<String, String> env) {
        return commandLine(env).execute(withDefaultCommand(args));
    }

    /** For tests and embedding: parses a {@code serve} command line and starts the server without blocking. */
    public static Server startServer(String[] args, Map<String, String> env) {
        CommandLine cl = commandLine(env);
        CommandLine.ParseResult parsed = cl.parseArgs(withDefaultCommand(args));
        Serve serve = parsed.subcommand().commandSpec().commandLine().getCommand();
        return Server.start(serve.config());
    }

    static CommandLine commandLine(Map<String, String> env) {
        CommandLine cl = new CommandLine(new Main(env));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            int code = exitCode(e);
            err.println("pressroom: " + e.getMessage());
            if (code == FAILED && !(e instanceof MigrationException) && !(e instanceof Server.SchemaRefused)
                    && !(e instanceof Server.CannotListen)) {
                e.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        return cl;
    }

    static int exitCode(Exception e) {
        if (e instanceof Database.Unavailable) {
            return DATABASE_UNAVAILABLE;
        } else if (e instanceof IllegalArgumentException || e instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return FAILED;
    }

    static String[] withDefaultCommand(String[] args) {
        if (args.length == 0) {
            return new String[] {"serve"};
        }
        String first = args[0];
        boolean topLevel = first.equals("-h") || first.equals("--help") || first.equals("-V") || first.equals("--version");
        if (first.startsWith("-") && !topLevel) {
            String[] withServe = new String[args.length + 1];
            withServe[0] = "serve";
            System.arraycopy(args, 0, withServe, 1, args.length);
            return withServe;
        }
        return args;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Reached only without a subcommand (run() makes that `serve`): show the usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    Config baseConfig() {
        return Config.fromEnvironment(env);
    }

    /** Options every command shares: where the database is. */
    static final class DatabaseOptions {
        @Option(names = "--database-url", paramLabel = "URL",
                description = "postgres://user:pass@host:port/db?sslmode=… or jdbc:postgresql://… (env DATABASE_URL; "
                        + "unset with no PGHOST/PGDATABASE: the embedded PostgreSQL under <data-dir>/pg)")
        String databaseUrl;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "where the embedded database and files live (env PRESSROOM_DATA_DIR, default ./data)")
        Path dataDir;

        @Option(names = "--embedded-db-port", paramLabel = "PORT", description = "the embedded PostgreSQL's port (env PRESSROOM_EMBEDDED_DB_PORT, default any free port)")
        Integer embeddedDbPort;

        Config apply(Config config) {
            Config c = config;
            if (databaseUrl != null) {
                c = c.withDatabase(DatabaseUrl.parse(databaseUrl));
            }
            if (dataDir != null) {
                c = c.withDataDir(dataDir);
            }
            if (embeddedDbPort != null) {
                c = c.withEmbeddedDbPort(embeddedDbPort);
            }
            return c;
        }
    }

    /** A command that opens the database, does one thing, and closes it. */
    abstract static class DatabaseCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Mixin
        DatabaseOptions database;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Config config() {
            return database.apply(main.baseConfig());
        }

        <T> T withMigrations(Function<Migrations, T> work) {
            try (Database db = Database.open(config(), null)) {
                return work.apply(new Migrations(db.dataSource()));
            }
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Start the HTTP server (the default command).",
                    "Without a database configured, an embedded PostgreSQL keeps its data under <data-dir>/pg."})
    static final class Serve extends DatabaseCommand {
        @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (env PORT, default 7070; 0 = any free port)")
        Integer port;

        @Option(names = "--host", paramLabel = "ADDRESS", description = "address to bind (env PRESSROOM_HOST, default 0.0.0.0)")
        String host;

        @Option(names = "--storage-dir", paramLabel = "DIR", description = "root of the NAS file store (env PRESSROOM_STORAGE_DIR, default <data-dir>/files)")
        Path storageDir;

        @Option(names = "--migrate-on-start", paramLabel = "true|false", arity = "1",
                description = "apply pending migrations at start (env PRESSROOM_MIGRATE_ON_START, default true); false on a "
                        + "legacy-only database starts in compatibility mode")
        Boolean migrateOnStart;

        @Option(names = "--max-upload-bytes", paramLabel = "BYTES", description = "largest file upload (env PRESSROOM_MAX_UPLOAD_BYTES, default 2 GiB)")
        Long maxUploadBytes;

        @Option(names = "--db-pool-size", paramLabel = "N", description = "database connections (env PRESSROOM_DB_POOL_SIZE, default 10)")
        Integer dbPoolSize;

        @Override
        Config config() {
            Config c = super.config();
            if (port != null) {
                c = c.withPort(port);
            }
            if (host != null) {
                c = c.withHost(host);
            }
            if (storageDir != null) {
                c = c.withStorageDir(storageDir);
            }
            if (migrateOnStart != null) {
                c = c.withMigrateOnStart(migrateOnStart);
            }
            if (maxUploadBytes != null) {
                c = c.withMaxUploadBytes(maxUploadBytes);
            }
            if (dbPoolSize != null) {
                c = c.withDbPoolSize(dbPoolSize);
            }
            return c;
        }

        @Override
        public Integer call() throws InterruptedException {
            Server server = Server.start(config());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } finally {
                    stopped.countDown();
                }
            }, "pressroom-shutdown"));
            stopped.await();
            return OK;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Apply pending migrations (all, or up to --target).",
                    "A database that has the legacy tables but no history must be adopted with `baseline` first."})
    static final class Migrate extends DatabaseCommand {
        @Option(names = "--target", paramLabel = "VERSION", description = "stop at this version (e.g. 2)")
        String target;

        @Override
        public Integer call() {
            Migrations.Result r = withMigrations(m -> m.migrate(target));
            out().printf("migrated from %s to %s (%d migrations applied)%n", r.fromVersion() == null ? "empty" : r.fromVersion(),
                    r.toVersion(), r.applied());
            return OK;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show every migration this build knows and the database's history of it.")
    static final class Info extends DatabaseCommand {
        @Override
        public Integer call() {
            record Report(Migrations.SchemaState state, java.util.List<Migrations.Step> steps) {}
            Report report = withMigrations(m -> new Report(m.state(), m.info()));
            PrintWriter out = out();
            out.printf("%-8s %-12s %-25s %s%n", "version", "state", "installed on", "description");
            for (Migrations.Step s : report.steps()) {
                out.printf("%-8s %-12s %-25s %s%n", s.version(), s.state(), s.installedOn(), s.description());
            }
            out.printf("schema: %s%n", report.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            return OK;
        }
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = {"Adopt a legacy database: record V1 as applied without running it.",
                    "For a database that already has the legacy tables (users, templates, canvas_configs) and no "
                            + "migration history. Back it up first (pg_dump), then run `migrate`."})
    static final class Baseline extends DatabaseCommand {
        @Override
        public Integer call() {
            withMigrations(m -> {
                m.baseline();
                return null;
            });
            out().println("baselined: the legacy schema is recorded as version " + Migrations.LEGACY_VERSION
                    + "; now run `java -jar pressroom.jar migrate`");
            return OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Undo the multi-tenant schema (the seed's rollback), back to the legacy schema.",
                    "Drops the multi-tenant tables and their data. Requires --yes. `migrate` works again afterwards."})
    static final class Rollback extends DatabaseCommand {
        @Option(names = "--yes", description = "confirm: drop the multi-tenant tables and their data")
        boolean yes;

        @Override
        public Integer call() {
            if (!yes) {
                spec.commandLine().getErr().println("pressroom: rollback drops the multi-tenant tables and their data; "
                        + "back up (pg_dump), then run `rollback --yes` to confirm");
                return USAGE;
            }
            withMigrations(m -> {
                m.rollback();
                return null;
            });
            out().println("rolled back to the legacy schema");
            return OK;
        }
    }

    @Command(name = "adopt-default-org", mixinStandardHelpOptions = true,
            description = {"Put every user without an organization into one \"Default Organization\" as an admin.",
                    "Idempotent: run twice, one organization, each user a member once."})
    static final class AdoptDefaultOrg extends DatabaseCommand {
        @Override
        public Integer call() {
            Migrations.Adoption a = withMigrations(Migrations::adoptDefaultOrganization);
            out().printf("organization %s (%s); users adopted: %d; memberships added: %d; canvas configs adopted: %d%n",
                    a.organizationId(), a.organizationCreated() ? "created" : "existing", a.usersAdopted(), a.membersAdded(),
                    a.canvasConfigsAdopted());
            return OK;
        }
    }

    @Command(name = "create-admin", mixinStandardHelpOptions = true,
            description = "Create a system admin (or make an existing user one).")
    static final class CreateAdmin extends DatabaseCommand {
        @Option(names = "--email", paramLabel = "EMAIL", description = "the admin's e-mail (env PRESSROOM_ADMIN_EMAIL)")
        String email;

        @Option(names = "--password", paramLabel = "PASSWORD", description = "the admin's password (env PRESSROOM_ADMIN_PASSWORD; "
                + "prefer the environment: flags show in the process list)")
        String password;

        @Option(names = "--name", paramLabel = "NAME", description = "the name of a new account (default \"System admin\")")
        String name;

        @Override
        public Integer call() {
            Config config = config();
            String e = email != null ? email : config.env().get("PRESSROOM_ADMIN_EMAIL");
            String p = password != null ? password : config.env().get("PRESSROOM_ADMIN_PASSWORD");
            if (e == null || e.isBlank()) {
                spec.commandLine().getErr().println("pressroom: create-admin needs --email (or PRESSROOM_ADMIN_EMAIL)");
                return USAGE;
            }
            try {
                String normalized = io.pressroom.domain.identity.PasswordPolicy.email(e);
                if (p != null && !p.isEmpty()) {
                    io.pressroom.domain.identity.PasswordPolicy.password("password", p, normalized);
                }
            } catch (io.pressroom.domain.shared.DomainException.Invalid invalid) {
                spec.commandLine().getErr().println("pressroom: " + invalid.getMessage());
                return USAGE;
            }
            try (Database db = Database.open(config, null)) {
                if (new Migrations(db.dataSource()).state() != Migrations.SchemaState.CURRENT) {
                    spec.commandLine().getErr().println("pressroom: the schema is not current; run `java -jar pressroom.jar migrate` first");
                    return FAILED;
                }
                try (io.pressroom.Pressroom pressroom = io.pressroom.Pressroom.builder().dataSource(db.dataSource()).migrate(false).build()) {
                    var account = pressroom.users().createOrPromote(e, p == null || p.isEmpty() ? null : p, name);
                    if (account.generatedPassword() != null) {
                        out().printf("created system admin %s%n  password: %s%nSign in and change it (POST /api/me/password). "
                                + "It is not shown again.%n", account.email(), account.generatedPassword());
                    } else {
                        out().printf("%s system admin %s%n", account.created() ? "created" : "made", account.email());
                    }
                    out().flush();
                    return OK;
                }
            } catch (io.pressroom.domain.shared.DomainException.Invalid invalid) {
                spec.commandLine().getErr().println("pressroom: " + invalid.getMessage());
                return USAGE;
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"pressroom " + (v == null ? "development build" : v)};
        }
    }
}
