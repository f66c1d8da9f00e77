package io.pressroom.web.http.organization;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Thousands of interleaved HTTP requests of three organizations, served over a pool of two
 * database connections: no answer ever carries another organization's row.
 */
class InterleavedRequestsTest {
    private final ObjectMapper mapper = Json.mapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private String base;

    private JsonNode call(String method, String path, String token, UUID org, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (org != null) {
            b.header("X-Organization-Id", org.toString());
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
        return mapper.readTree(r.body());
    }

    private String signUp(String email) throws Exception {
        call("POST", "/api/auth/signup", null, null, Map.of("email", email, "password", "correct horse battery staple", "name", "U"));
        return call("POST", "/api/auth/login", null, null, Map.of("email", email, "password", "correct horse battery staple"))
                .get("token").asText();
    }

    @Test
    void thousandsOfInterleavedRequestsOverTwoConnectionsNeverReturnAForeignRow() throws Exception {
        TestPostgres.Db db = TestPostgres.newDatabase();
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(db.jdbcUrl());
        cfg.setUsername(db.user());
        cfg.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(cfg); Pressroom pressroom = Pressroom.builder().dataSource(pool).build()) {
            Javalin app = WebApp.create(pressroom, WebOptions.defaults()).start("127.0.0.1", 0);
            try {
                base = "http://127.0.0.1:" + app.port();
                int orgs = 3;
                String[] tokens = new String[orgs];
                UUID[] ids = new UUID[orgs];
                for (int o = 0; o < orgs; o++) {
                    tokens[o] = signUp("admin" + o + "@interleaved.example");
                    ids[o] = UUID.fromString(call("POST", "/api/organizations", tokens[o], null, Map.of("name", "Org " + o)).get("id").asText());
                    for (int m = 0; m < 2; m++) {
                        String email = "m" + m + "-" + o + "@interleaved.example";
                        call("POST", "/api/auth/signup", null, null, Map.of("email", email, "password", "correct horse battery staple", "name", "M"));
                        call("POST", "/api/organizations/" + ids[o] + "/members", tokens[o], null, Map.of("email", email, "role", "member"));
                    }
                    call("POST", "/api/organizations/" + ids[o] + "/invitations", tokens[o], null, Map.of("email", "i" + o + "@x.example"));
                }
                ExecutorService threads = Executors.newFixedThreadPool(6);
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    results.add(threads.submit(() -> {
                        ThreadLocalRandom rnd = ThreadLocalRandom.current();
                        int n = 0;
                        for (int i = 0; i < 350; i++) {
                            int o = rnd.nextInt(orgs);
                            String org = ids[o].toString();
                            switch (rnd.nextInt(5)) {
                                case 0 -> {
                                    JsonNode items = call("GET", "/api/organizations/" + org + "/members", tokens[o], null, null).get("items");
                                    assertThat(items).hasSize(3);
                                    for (JsonNode m : items) {
                                        assertThat(m.get("email").asText()).matches("(admin|m\\d-)" + o + "@interleaved.example");
                                    }
                                }
                                case 1 -> {
                                    for (JsonNode e : call("GET", "/api/events?limit=200", tokens[o], ids[o], null).get("items")) {
                                        assertThat(e.get("organizationId").asText()).isEqualTo(org);
                                    }
                                }
                                case 2 -> {
                                    for (JsonNode inv : call("GET", "/api/organizations/" + org + "/invitations", tokens[o], null, null).get("items")) {
                                        assertThat(inv.get("organizationId").asText()).isEqualTo(org);
                                    }
                                }
                                case 3 -> assertThat(call("GET", "/api/organizations", tokens[o], null, null).get("items")
                                        .findValuesAsText("id")).containsExactly(org);
                                default -> assertThat(call("PATCH", "/api/organizations/" + org, tokens[o], null,
                                        Map.of("name", "Org " + o)).get("id").asText()).isEqualTo(org);
                            }
                            n++;
                        }
                        return n;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : results) {
                    total += f.get();
                }
                threads.shutdown();
                assertThat(total).isEqualTo(2100);
            } finally {
                app.stop();
            }
        }
    }
}
