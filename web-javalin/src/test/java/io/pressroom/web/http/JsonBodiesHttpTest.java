package io.pressroom.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.web.testing.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A JSON body must be sent as JSON: the content types a cross-site form can send without a CORS
 * preflight, and a body without a Content-Type, are answered 415 before anything is done.
 */
class JsonBodiesHttpTest {
    static TestApp app;
    static String token;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        token = app.signUp(TestApp.email("json"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aJsonRouteRefusesFormAndTextBodies() {
        String json = "{\"name\":\"Form Prints\"}";
        for (String type : new String[] {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/xml", "application/jsonx"}) {
            var r = app.request("POST", "/api/organizations", Map.of("Authorization", "Bearer " + token, "Content-Type", type), json);
            assertThat(r.status()).as(type).isEqualTo(415);
            assertThat(r.header("Content-Type")).as(type).startsWith("application/problem+json");
            assertThat(r.body().get("code").asText()).as(type).isEqualTo("request.unsupported-media-type");
        }
        assertThat(organizationsNamed("Form Prints")).isZero();
    }

    @Test
    void aBodyWithoutAContentTypeIsRefusedToo() throws Exception {
        String email = TestApp.email("typeless");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/auth/signup"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + TestApp.PASSWORD + "\",\"name\":\"T\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.request().headers().firstValue("Content-Type")).isEmpty();
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("request.unsupported-media-type").contains("Content-Type: application/json");
        assertThat(app.request("POST", "/api/auth/login", Map.of("Content-Type", "application/json"),
                Map.of("email", email, "password", TestApp.PASSWORD)).status()).as("no account was made").isEqualTo(401);
    }

    @Test
    void jsonWithParametersOrAStructuredSuffixIsAccepted() {
        for (String type : new String[] {"application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"}) {
            String name = "Typed " + type;
            var r = app.request("POST", "/api/organizations", Map.of("Authorization", "Bearer " + token, "Content-Type", type),
                    Map.of("name", name));
            assertThat(r.status()).as(type).isEqualTo(201);
        }
    }

    private static long organizationsNamed(String name) {
        try (var c = app.db().dataSource().getConnection(); var ps = c.prepareStatement("SELECT count(*) FROM organizations WHERE name = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
