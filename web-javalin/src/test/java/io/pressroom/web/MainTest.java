package io.pressroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.testing.TestPostgres;
import io.pressroom.web.runtime.Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI, in process: commands, exit codes, and `serve` on a real database. */
class MainTest {

    static String databaseUrl(TestPostgres.Db db) {
        return "postgres://postgres@localhost:" + db.port() + "/" + db.name();
    }

    record Run(int code, String out, String err) {}

    static Run run(Map<String, String> env, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args, env);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void serveStartsOnARandomPortAndIsReady() throws Exception {
        TestPostgres.Db db = TestPostgres.newDatabase();
        try (Server server = Main.startServer(new String[] {"serve", "--port", "0", "--host", "127.0.0.1"},
                Map.of("DATABASE_URL", databaseUrl(db), "PORT", "1"))) {
            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"schema\":\"current\"");
            assertThat(server.compatibilityMode()).isFalse();
        }
    }

    @Test
    void serveWithoutMigrateOnStartOnALegacyDatabaseIsCompatibilityMode() throws Exception {
        TestPostgres.Db db = TestPostgres.newDatabase();
        assertThat(run(Map.of("DATABASE_URL", databaseUrl(db)), "migrate", "--target", "1").code()).isZero();
        try (Server server = Main.startServer(new String[] {"--port", "0"},
                Map.of("DATABASE_URL", databaseUrl(db), "PRESSROOM_MIGRATE_ON_START", "false"))) {
            assertThat(server.compatibilityMode()).isTrue();
            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"schema\":\"legacy\"");
        }
    }

    @Test
    void migrateInfoRollbackOnARealDatabase() {
        TestPostgres.Db db = TestPostgres.newDatabase();
        Map<String, String> env = Map.of("DATABASE_URL", databaseUrl(db));
        Run migrate = run(env, "migrate");
        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("migrated from empty to");
        Run info = run(env, "info");
        assertThat(info.code()).isZero();
        assertThat(info.out()).contains("schema: current");

        Run refused = run(env, "rollback");
        assertThat(refused.code()).isEqualTo(Main.USAGE);
        assertThat(refused.err()).contains("--yes");
        assertThat(run(env, "info").out()).contains("schema: current");

        assertThat(run(env, "rollback", "--yes").code()).isZero();
        assertThat(run(env, "migrate").code()).isZero();
        Run adopt = run(env, "adopt-default-org");
        assertThat(adopt.code()).as(adopt.err()).isZero();
        assertThat(adopt.out()).contains("created");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"serve", "migrate", "info", "baseline", "rollback", "adopt-default-org", "create-admin"}) {
            Run help = run(Map.of(), command, "--help");
            assertThat(help.code()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: pressroom " + command);
        }
        Run top = run(Map.of(), "--help");
        assertThat(top.code()).isZero();
        assertThat(top.out()).contains("serve", "migrate", "create-admin");
    }

    @Test
    void usageAndConfigurationErrorsExitWith2() {
        assertThat(run(Map.of(), "frobnicate").code()).isEqualTo(Main.USAGE);
        Run badUrl = run(Map.of("DATABASE_URL", "mysql://u:hunter2@h/db"), "info");
        assertThat(badUrl.code()).isEqualTo(Main.USAGE);
        assertThat(badUrl.err()).contains("postgres://").doesNotContain("hunter2");
        assertThat(run(Map.of("PORT", "seventy"), "serve").code()).isEqualTo(Main.USAGE);
    }

    @Test
    void anUnreachableDatabaseExitsWith3AndSaysWhich() {
        Run r = run(Map.of("DATABASE_URL", "postgres://u:hunter2@127.0.0.1:1/db"), "info");
        assertThat(r.code()).isEqualTo(Main.DATABASE_UNAVAILABLE);
        assertThat(r.err()).contains("Cannot connect to the database").contains("127.0.0.1:1").doesNotContain("hunter2");
    }

    @Test
    void createAdminRefusesAWeakPasswordBeforeTouchingTheDatabase() {
        Run r = run(Map.of(), "create-admin", "--email", "a@example.com", "--password", "x");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("at least 8");
        assertThat(run(Map.of(), "create-admin").code()).isEqualTo(Main.USAGE);
    }

    @Test
    void createAdminCreatesANewSystemAdminWithAGeneratedPasswordOrPromotesAnExistingUser() throws Exception {
        TestPostgres.Db db = TestPostgres.newDatabase();
        Map<String, String> env = Map.of("DATABASE_URL", databaseUrl(db));
        assertThat(run(env, "create-admin", "--email", "early@example.com").code()).isEqualTo(Main.FAILED); // not migrated yet
        assertThat(run(env, "migrate").code()).isZero();
        Run created = run(env, "create-admin", "--email", "Boss@Example.com");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("created system admin boss@example.com").contains("password: ");
        Run again = run(env, "create-admin", "--email", "boss@example.com");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("made system admin boss@example.com").doesNotContain("password");
        try (var c = db.dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT is_admin, password_hash LIKE '$argon2id$%' FROM users WHERE email = 'boss@example.com'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }

    @Test
    void serveOnAFreshDatabaseCreatesASystemAdminAndPrintsItsPasswordOnce() throws Exception {
        TestPostgres.Db db = TestPostgres.newDatabase();
        Map<String, String> env = Map.of("DATABASE_URL", databaseUrl(db));
        String[] args = {"serve", "--port", "0", "--host", "127.0.0.1"};
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Server server;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            server = Main.startServer(args, env);
        } finally {
            System.setOut(stdout);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("email:    admin@pressroom.local");
        String password = printed.substring(printed.indexOf("password: ") + 10).lines().findFirst().orElseThrow().strip();
        try (server) {
            HttpResponse<String> login = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/auth/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"email\":\"admin@pressroom.local\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.body()).contains("\"isSystemAdmin\":true");
        }
        // a second start: an admin exists, nothing is generated or printed
        captured.reset();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Main.startServer(args, env).close();
        } finally {
            System.setOut(stdout);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("password:");
    }

    @Test
    void aPortInUseFailsWithAClearMessage() throws Exception {
        TestPostgres.Db db = TestPostgres.newDatabase();
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Run r = run(Map.of("DATABASE_URL", databaseUrl(db)), "serve", "--host", "127.0.0.1", "--port",
                    Integer.toString(busy.getLocalPort()));
            assertThat(r.code()).isEqualTo(Main.FAILED);
            assertThat(r.err()).contains("port is in use").contains("PORT");
        }
    }
}
