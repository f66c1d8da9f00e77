package io.pressroom.web.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The API as an agent or a script speaks it (bearer tokens, printer keys), to set the stage for the browser. */
final class ApiCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiCalls(String base) {
        this.base = base;
    }

    record Answer(int status, JsonNode body) {
        Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected " + expected + " but got " + status + ": " + body);
            }
            return this;
        }

        String text(String field) {
            return body.path(field).asText();
        }
    }

    /** Signs in over HTTP and answers the bearer token. */
    String login(String email, String password) {
        return call("POST", "/api/auth/login", null, null, Map.of("email", email, "password", password)).expect(200).text("token");
    }

    Answer call(String method, String path, String bearer, String organizationId, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                    .header("Accept", "application/json");
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            if (organizationId != null) {
                b.header("X-Organization-Id", organizationId);
            }
            if (body == null) {
                b.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
                if (method.equals("POST")) {
                    b.header("Content-Type", "application/json");
                }
            } else {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = res.body() == null || res.body().isBlank() ? JSON.nullNode() : JSON.readTree(res.body());
            return new Answer(res.statusCode(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
