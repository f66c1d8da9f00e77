package io.pressroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.pressroom.Pressroom;
import io.pressroom.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Health, metrics and compatibility mode, over HTTP on a real database. */
class RuntimeRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    static HttpResponse<String> get(Javalin app, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(Javalin app, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void liveReadyAndMetricsOnAMigratedDatabase() throws Exception {
        try (Pressroom pressroom = Pressroom.builder().dataSource(TestPostgres.newDatabase().dataSource()).build()) {
            Javalin app = WebApp.create(pressroom, WebOptions.defaults()).start("127.0.0.1", 0);
            try {
                HttpResponse<String> live = get(app, "/health/live");
                assertThat(live.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("up");

                HttpResponse<String> ready = get(app, "/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(ready.body());
                assertThat(body.path("status").asText()).isEqualTo("ready");
                assertThat(body.path("database").asText()).isEqualTo("up");
                assertThat(body.path("schema").asText()).isEqualTo("current");
                assertThat(body.path("schemaVersion").asText()).isNotEmpty();

                assertThat(get(app, "/api/nothing-here").statusCode()).isEqualTo(404);
                HttpResponse<String> metrics = get(app, "/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body())
                        .contains("jvm_memory_used_bytes")
                        .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/health/ready\"}")
                        .contains("uri=\"NOT_FOUND\"");
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void readyIsUnavailableWhileMigrationsArePending() throws Exception {
        TestPostgres.Db db = TestPostgres.newDatabase();
        try (Pressroom pressroom = Pressroom.builder().dataSource(db.dataSource()).migrate(false).build()) {
            pressroom.migrations().migrate("2");
            Javalin app = WebApp.create(pressroom, WebOptions.defaults()).start("127.0.0.1", 0);
            try {
                HttpResponse<String> ready = get(app, "/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                JsonNode body = JSON.readTree(ready.body());
                assertThat(body.path("schema").asText()).isEqualTo("behind");
                assertThat(body.path("detail").asText()).contains("migrate");
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void compatibilityModeAnswersSchemaNotMigratedButStaysReady() throws Exception {
        TestPostgres.Db db = TestPostgres.newDatabase();
        try (Pressroom pressroom = Pressroom.builder().dataSource(db.dataSource()).migrate(false).build()) {
            pressroom.migrations().migrate("1");
            Javalin app = WebApp.create(pressroom, WebOptions.defaults().withCompatibilityMode(true)).start("127.0.0.1", 0);
            try {
                HttpResponse<String> ready = get(app, "/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                assertThat(JSON.readTree(ready.body()).path("schema").asText()).isEqualTo("legacy");

                HttpResponse<String> printers = post(app, "/api/printers", "{}");
                assertThat(printers.statusCode()).isEqualTo(503);
                assertThat(printers.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
                JsonNode problem = JSON.readTree(printers.body());
                assertThat(problem.path("code").asText()).isEqualTo("schema-not-migrated");
                assertThat(problem.path("detail").asText()).contains("java -jar pressroom.jar migrate");

                // login stays open in compatibility mode (here: not registered in this test app, so 404, not 503)
                assertThat(post(app, "/api/auth/login", "{}").statusCode()).isNotEqualTo(503);
                assertThat(get(app, "/health/live").statusCode()).isEqualTo(200);
            } finally {
                app.stop();
            }
        }
    }
}
