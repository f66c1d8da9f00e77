package io.pressroom.web.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.pressroom.Pressroom;
import io.pressroom.testing.TestPostgres;
import io.pressroom.web.WebApp;
import io.pressroom.web.WebOptions;
import io.pressroom.web.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The HTTP test fixture: the real server ({@link WebApp} over {@link Pressroom}, migrations
 * applied) on a random port over a fresh embedded PostgreSQL database, and a
 * {@code java.net.http} client. Open one per test class (it is AutoCloseable) or per test.
 *
 * <pre>{@code
 * try (TestApp app = TestApp.start()) {
 *     String token = app.signUp("ann@example.com");
 *     var r = app.get("/api/me", token, null);
 *     assertThat(r.status()).isEqualTo(200);
 * }
 * }</pre>
 *
 * Helpers for other resources are appended at the end of this class.
 */
public final class TestApp implements AutoCloseable {
    /** The password {@link #signUp} gives every account. */
    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final TestPostgres.Db db;
    private final HikariDataSource dataSource;
    private final Pressroom pressroom;
    private final Javalin app;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper mapper = Json.mapper();
    private final String base;
    private String systemAdminToken;

    private TestApp(TestPostgres.Db db, Consumer<Pressroom.Builder> customize, WebOptions options) {
        this.db = db;
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(db.jdbcUrl());
        cfg.setUsername(db.user());
        cfg.setMaximumPoolSize(4);
        cfg.setPoolName("test-" + db.name());
        this.dataSource = new HikariDataSource(cfg);
        // tests sign many users up from 127.0.0.1: a signup limit only where a test sets one
        Pressroom.Builder builder = Pressroom.builder().dataSource(dataSource)
                .loginLimits(io.pressroom.domain.identity.LoginThrottle.Limits.defaults().withSignups(1_000_000, Duration.ofHours(1)));
        customize.accept(builder);
        this.pressroom = builder.build();
        this.app = WebApp.create(pressroom, options).start("127.0.0.1", 0);
        this.base = "http://127.0.0.1:" + app.port();
    }

    /** A fresh database, migrated, and the server on a random port. */
    public static TestApp start() {
        return start(b -> {}, WebOptions.defaults());
    }

    public static TestApp start(Consumer<Pressroom.Builder> customize, WebOptions options) {
        return new TestApp(TestPostgres.newDatabase(), customize, options);
    }

    /** Over an existing database (e.g. one prepared at an older schema version). */
    public static TestApp start(TestPostgres.Db db, Consumer<Pressroom.Builder> customize, WebOptions options) {
        return new TestApp(db, customize, options);
    }

    public TestPostgres.Db db() {
        return db;
    }

    public Pressroom pressroom() {
        return pressroom;
    }

    public String baseUrl() {
        return base;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** An answer: status, headers, and the body as JSON ({@code MissingNode} when empty or not JSON). */
    public record Response(int status, HttpHeaders headers, JsonNode body, String text) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    public Response get(String path, String token, UUID orgId) {
        return send("GET", path, token, orgId, null);
    }

    public Response post(String path, String token, UUID orgId, Object jsonBody) {
        return send("POST", path, token, orgId, jsonBody);
    }

    public Response patch(String path, String token, UUID orgId, Object jsonBody) {
        return send("PATCH", path, token, orgId, jsonBody);
    }

    public Response delete(String path, String token, UUID orgId) {
        return send("DELETE", path, token, orgId, null);
    }

    /** {@code jsonBody}: a String is sent as is, anything else as JSON; null sends no body. */
    public Response send(String method, String path, String token, UUID orgId, Object jsonBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (orgId != null) {
            headers.put("X-Organization-Id", orgId.toString());
        }
        return request(method, path, headers, jsonBody);
    }

    /** Any request, with exactly these headers. */
    public Response request(String method, String path, Map<String, String> headers, Object jsonBody) {
        try {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            if (jsonBody != null) {
                String text = jsonBody instanceof String s ? s : mapper.writeValueAsString(jsonBody);
                body = HttpRequest.BodyPublishers.ofString(text);
                if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                    b.header("Content-Type", "application/json");
                }
            }
            headers.forEach(b::header);
            HttpResponse<String> r = client.send(b.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node;
            try {
                node = r.body() == null || r.body().isEmpty() ? mapper.missingNode() : mapper.readTree(r.body());
            } catch (IOException notJson) {
                node = mapper.missingNode();
            }
            return new Response(r.statusCode(), r.headers(), node, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs up {@code email} (name "Test User", password {@link #PASSWORD}) and logs in: the session token. */
    public String signUp(String email) {
        Response r = post("/api/auth/signup", null, null, Map.of("email", email, "password", PASSWORD, "name", "Test User"));
        if (r.status() != 201) {
            throw new IllegalStateException("signup of " + email + " failed: " + r);
        }
        return login(email, PASSWORD);
    }

    /** Logs in: the session token. */
    public String login(String email, String password) {
        Response r = post("/api/auth/login", null, null, Map.of("email", email, "password", password));
        if (r.status() != 200) {
            throw new IllegalStateException("login of " + email + " failed: " + r);
        }
        return r.body().get("token").asText();
    }

    /** The id of the user of {@code token}. */
    public UUID userId(String token) {
        return UUID.fromString(get("/api/me", token, null).body().get("id").asText());
    }

    /** A token of a system admin (an account made system admin directly in the database; one per app). */
    public synchronized String systemAdminToken() {
        if (systemAdminToken == null) {
            String email = "sysadmin-" + SEQ.incrementAndGet() + "@example.com";
            post("/api/auth/signup", null, null, Map.of("email", email, "password", PASSWORD, "name", "System Admin"));
            db.exec("UPDATE users SET is_admin = true WHERE email = '" + email + "'");
            systemAdminToken = login(email, PASSWORD);
        }
        return systemAdminToken;
    }

    /** A unique e-mail for a test (prefix@example.com with a counter). */
    public static String email(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "@example.com";
    }

    @Override
    public void close() {
        app.stop();
        pressroom.close();
        dataSource.close();
    }

    // ---- helpers of other resources below (append only) ----

    /** Creates an organization as the user of {@code token} (who becomes its admin): its id. */
    public UUID createOrganization(String token, String name) {
        Response r = post("/api/organizations", token, null, Map.of("name", name));
        if (r.status() != 201) {
            throw new IllegalStateException("creating organization " + name + " failed: " + r);
        }
        return UUID.fromString(r.body().get("id").asText());
    }
}
