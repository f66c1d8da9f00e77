package io.pressroom.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.pressroom.Pressroom;
import io.pressroom.testing.TestPostgres;
import io.pressroom.web.WebApp;
import io.pressroom.web.WebOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A database that cannot be reached is a 503 the client may retry, never a 500. */
class DatabaseUnavailableTest {

    @Test
    void requestsNeedingTheDatabaseAnswer503WhileItIsUnreachableAndRecover() throws Exception {
        TestPostgres.Db db = TestPostgres.newDatabase();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl());
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        try (Pressroom pressroom = Pressroom.builder().dataSource(ds).build()) {
            Javalin app = WebApp.create(pressroom, WebOptions.defaults()).start("127.0.0.1", 0);
            try {
                String body = "{\"email\":\"down@example.com\",\"password\":\"correct horse battery\",\"name\":\"Down\"}";
                HttpRequest signup = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/auth/signup"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();

                ds.setPortNumbers(new int[] {closedPort}); // PostgreSQL is gone
                HttpResponse<String> down = http.send(signup, HttpResponse.BodyHandlers.ofString());
                assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
                assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
                assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
                JsonNode problem = json.readTree(down.body());
                assertThat(problem.path("code").asText()).isEqualTo("database.unavailable");
                assertThat(down.body()).doesNotContain("Exception").doesNotContain(Integer.toString(closedPort));

                ds.setPortNumbers(new int[] {db.port()}); // and back
                HttpResponse<String> up = http.send(signup, HttpResponse.BodyHandlers.ofString());
                assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
            } finally {
                app.stop();
            }
        }
    }
}
