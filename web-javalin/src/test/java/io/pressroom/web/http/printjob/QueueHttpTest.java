package io.pressroom.web.http.printjob;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.pressroom.Pressroom;
import io.pressroom.domain.organization.ManageOrganizations.NewOrganization;
import io.pressroom.domain.shared.Caller;
import io.pressroom.web.WebApp;
import io.pressroom.web.WebOptions;
import io.pressroom.web.testing.TestApp;
import io.pressroom.web.testing.TestApp.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Printers, keys, print jobs, the agent routes and the live stream over HTTP, with two organizations. */
class QueueHttpTest {
    static TestApp app;
    static String ann;
    static UUID orgA;
    static String bob;
    static UUID orgB;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        ann = app.signUp(TestApp.email("ann"));
        bob = app.signUp(TestApp.email("bob"));
        orgA = organization(ann, "A");
        orgB = organization(bob, "B");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static UUID organization(String token, String name) {
        Caller user = Caller.user(app.userId(token), false, "127.0.0.1", "test");
        return app.pressroom().organizations().create(user, new NewOrganization(name, null)).organization().id();
    }

    static JsonNode printer(String token, UUID org, String name) {
        Response r = app.post("/api/printers", token, org, Map.of("name", name, "printerType", "dtf",
                "maxWidthInches", 22, "maxHeightInches", 60, "dpi", 300));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body();
    }

    static String key(String token, UUID org, String printerId) {
        Response r = app.post("/api/printers/" + printerId + "/keys", token, org, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.body().get("key").asText()).startsWith("prk_");
        return r.body().get("key").asText();
    }

    static JsonNode job(String token, UUID org, Map<String, Object> body) {
        Response r = app.post("/api/print-jobs", token, org, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body();
    }

    static Response agent(String method, String path, String key, Object body) {
        return app.request(method, path, Map.of("Authorization", "Bearer " + key), body);
    }

    @Test
    void anAgentClaimsReportsAndCompletesAndEveryStepIsInTheHistory() {
        JsonNode p = printer(ann, orgA, "DTF 1");
        String key = key(ann, orgA, p.get("id").asText());
        assertThat(p.get("online").asBoolean()).isFalse();
        JsonNode j = job(ann, orgA, Map.of("jobName", "shirts", "priority", 80, "printerId", p.get("id").asText()));
        assertThat(j.get("status").asText()).isEqualTo("pending");
        assertThat(j.has("leaseToken")).isFalse();

        Response claim = agent("POST", "/api/printers/" + p.get("id").asText() + "/claim", key, null);
        assertThat(claim.status()).as(claim.toString()).isEqualTo(200);
        assertThat(claim.body().get("id").asText()).isEqualTo(j.get("id").asText());
        assertThat(claim.body().get("status").asText()).isEqualTo("printing");
        String lease = claim.body().get("leaseToken").asText();
        assertThat(claim.body().get("leaseExpiresAt").asText()).endsWith("Z");

        String jobPath = "/api/print-jobs/" + j.get("id").asText();
        Response progress = agent("POST", jobPath + "/progress", key, Map.of("leaseToken", lease, "percent", 40));
        assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
        assertThat(progress.body().get("progressPercentage").asInt()).isEqualTo(40);
        assertThat(agent("POST", jobPath + "/pause", key, Map.of("leaseToken", lease)).body().get("status").asText()).isEqualTo("paused");
        assertThat(agent("POST", jobPath + "/complete", key, Map.of("leaseToken", lease)).status()).isEqualTo(409);
        assertThat(agent("POST", jobPath + "/resume", key, Map.of("leaseToken", lease)).body().get("status").asText()).isEqualTo("printing");
        Response done = agent("POST", jobPath + "/complete", key, Map.of("leaseToken", lease));
        assertThat(done.body().get("status").asText()).isEqualTo("completed");
        assertThat(agent("POST", jobPath + "/progress", key, Map.of("leaseToken", lease, "percent", 50)).status()).isEqualTo(409);

        assertThat(app.get("/api/printers/" + p.get("id").asText(), ann, orgA).body().get("online").asBoolean()).isTrue();
        assertThat(agent("POST", "/api/printers/" + p.get("id").asText() + "/claim", key, null).status()).isEqualTo(204);
                long events = countEvents(j.get("id").asText());
        assertThat(events).isEqualTo(6); // submitted, claimed, progress, paused, resumed, completed + nothing for refused ones
    }

    static long countEvents(String jobId) {
        try (var c = app.db().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM events WHERE entity_id = '" + jobId + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anotherOrganizationsPrintersAndJobsAnswer404() {
        JsonNode p = printer(ann, orgA, "A's");
        JsonNode j = job(ann, orgA, Map.of("jobName", "a job"));
        String pid = p.get("id").asText();
        String jid = j.get("id").asText();
        assertThat(app.get("/api/printers/" + pid, bob, orgB).status()).isEqualTo(404);
        assertThat(app.patch("/api/printers/" + pid, bob, orgB, Map.of("name", "mine")).status()).isEqualTo(404);
        assertThat(app.delete("/api/printers/" + pid, bob, orgB).status()).isEqualTo(404);
        assertThat(app.post("/api/printers/" + pid + "/keys", bob, orgB, null).status()).isEqualTo(404);
        assertThat(app.get("/api/print-jobs/" + jid, bob, orgB).status()).isEqualTo(404);
        assertThat(app.post("/api/print-jobs/" + jid + "/cancel", bob, orgB, null).status()).isEqualTo(404);
        assertThat(app.patch("/api/print-jobs/" + jid, bob, orgB, Map.of("priority", 5)).status()).isEqualTo(404);
        assertThat(app.get("/api/print-jobs/" + jid + "/stream", bob, orgB).status()).isEqualTo(404);
        // naming the other organization itself: not a member
        assertThat(app.get("/api/print-jobs/" + jid, bob, orgA).status()).isEqualTo(404);
        assertThat(app.get("/api/print-jobs?printerId=" + pid, bob, orgB).body().get("items").size()).isZero();
        // a job of B cannot name A's printer
        assertThat(app.post("/api/print-jobs", bob, orgB, Map.of("jobName", "x", "printerId", pid)).status()).isEqualTo(400);
        assertThat(app.get("/api/print-jobs/" + jid, ann, orgA).body().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void aPrinterKeyCannotTouchAnotherPrintersJobs() {
        JsonNode a = printer(ann, orgA, "key A");
        JsonNode b = printer(ann, orgA, "key B");
        String keyA = key(ann, orgA, a.get("id").asText());
        String keyB = key(ann, orgA, b.get("id").asText());
        JsonNode j = job(ann, orgA, Map.of("jobName", "for B", "printerId", b.get("id").asText()));
        assertThat(agent("POST", "/api/printers/" + b.get("id").asText() + "/claim", keyA, null).status()).isEqualTo(404);
        Response claim = agent("POST", "/api/printers/" + b.get("id").asText() + "/claim", keyB, null);
        assertThat(claim.status()).isEqualTo(200);
        String lease = claim.body().get("leaseToken").asText();
        String path = "/api/print-jobs/" + j.get("id").asText();
        assertThat(agent("POST", path + "/complete", keyA, Map.of("leaseToken", lease)).status()).isEqualTo(404);
        assertThat(agent("POST", path + "/fail", keyA, Map.of("leaseToken", lease, "error", "x")).status()).isEqualTo(404);
        // a key is for the agent routes only, and a session is not a key
        assertThat(app.get("/api/print-jobs/" + j.get("id").asText(), keyB, null).status()).isEqualTo(401);
        assertThat(agent("POST", path + "/complete", ann, Map.of("leaseToken", lease)).status()).isEqualTo(401);
        assertThat(app.get(path, ann, orgA).body().get("status").asText()).isEqualTo("printing");
        // revoked: refused
        String keyId = app.get("/api/printers/" + b.get("id").asText() + "/keys", ann, orgA).body().get("items").get(0).get("id").asText();
        assertThat(app.delete("/api/printers/" + b.get("id").asText() + "/keys/" + keyId, ann, orgA).status()).isEqualTo(204);
        assertThat(agent("POST", path + "/complete", keyB, Map.of("leaseToken", lease)).status()).isEqualTo(401);
    }

    @Test
    void illegalCommandsAnswer409AndChangeNothing() {
        JsonNode j = job(ann, orgA, Map.of("jobName", "states"));
        String path = "/api/print-jobs/" + j.get("id").asText();
        assertThat(app.post(path + "/release", ann, orgA, null).status()).isEqualTo(409);
        assertThat(app.post(path + "/retry", ann, orgA, null).body().get("code").asText()).isEqualTo("print-job.invalid-transition");
        var problem = app.post(path + "/retry", ann, orgA, null).body();
        assertThat(problem.get("status").asInt()).as("RFC 9457 status stays the HTTP one").isEqualTo(409);
        assertThat(problem.get("jobStatus").asText()).isEqualTo("pending");
        assertThat(app.post(path + "/hold", ann, orgA, null).body().get("status").asText()).isEqualTo("held");
        assertThat(app.post(path + "/hold", ann, orgA, null).status()).isEqualTo(409);
        assertThat(app.post(path + "/cancel", ann, orgA, null).body().get("status").asText()).isEqualTo("cancelled");
        assertThat(app.post(path + "/cancel", ann, orgA, null).status()).isEqualTo(409);
        assertThat(app.patch(path, ann, orgA, Map.of("priority", 50)).status()).isEqualTo(409);
        JsonNode after = app.get(path, ann, orgA).body();
        assertThat(after.get("status").asText()).isEqualTo("cancelled");
        assertThat(after.get("priority").asInt()).isZero();
        assertThat(app.post(path + "/retry", ann, orgA, null).body().get("status").asText()).isEqualTo("pending");
        Map<String, Object> unassign = new HashMap<>();
        unassign.put("printerId", null);
        unassign.put("priority", 60);
        Response patched = app.patch(path, ann, orgA, unassign);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.body().get("priority").asInt()).isEqualTo(60);
    }

    @Test
    void badInputAnswers400() {
        JsonNode p = printer(ann, orgA, "bad input");
        String key = key(ann, orgA, p.get("id").asText());
        assertThat(app.post("/api/printers", ann, orgA, Map.of("name", "x", "printerType", "dtf", "maxWidthInches", -1,
                "maxHeightInches", 10, "dpi", 99999)).body().get("errors").has("maxWidthInches")).isTrue();
        assertThat(app.post("/api/printers", ann, orgA, Map.of("name", "x", "printerType", "dtf", "maxWidthInches", 1,
                "maxHeightInches", 10, "supportedTemplateIds", List.of(UUID.randomUUID().toString()))).status()).isEqualTo(400);
        assertThat(app.post("/api/print-jobs", ann, orgA, Map.of("jobName", "x", "owner", "me")).status()).isEqualTo(400);
        assertThat(app.post("/api/print-jobs", ann, orgA, Map.of("jobName", "x", "priority", 101)).status()).isEqualTo(400);
        assertThat(app.post("/api/print-jobs", ann, orgA, Map.of("jobName", "x", "fileIds", List.of(UUID.randomUUID().toString())))
                .status()).isEqualTo(400);
        assertThat(app.post("/api/print-jobs", ann, orgA, "{not json").status()).isEqualTo(400);
        for (Object template : List.of("dtf-22in", 7, UUID.randomUUID().toString())) { // not an id, or no template's
            Response refused = app.post("/api/print-jobs", ann, orgA, Map.of("jobName", "x", "printConfig", Map.of("templateId", template)));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.body().get("errors").has("printConfig.templateId")).as(refused.toString()).isTrue();
        }
        assertThat(app.get("/api/print-jobs/not-a-uuid", ann, orgA).status()).isEqualTo(400);
        assertThat(app.get("/api/print-jobs?status=lost", ann, orgA).status()).isEqualTo(400);
        JsonNode j = job(ann, orgA, Map.of("jobName", "for progress", "printerId", p.get("id").asText()));
        String lease = agent("POST", "/api/printers/" + p.get("id").asText() + "/claim", key, null).body().get("leaseToken").asText();
        String path = "/api/print-jobs/" + j.get("id").asText();
        assertThat(agent("POST", path + "/progress", key, Map.of("leaseToken", lease, "percent", 150)).status()).isEqualTo(400);
        assertThat(agent("POST", path + "/progress", key, Map.of("percent", 10)).status()).isEqualTo(400);
        assertThat(agent("POST", path + "/progress", key, Map.of("leaseToken", "nope", "percent", 10)).status()).isEqualTo(400);
        assertThat(agent("POST", path + "/progress", key, Map.of("leaseToken", UUID.randomUUID().toString(), "percent", 10))
                .body().get("code").asText()).isEqualTo("print-job.stale-lease");
        assertThat(app.get(path, ann, orgA).body().get("progressPercentage").asInt()).isZero();
    }

    @Test
    void progressReportedOnOneInstanceStreamsFromAnother() throws Exception {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(app.db().jdbcUrl());
        cfg.setUsername(app.db().user());
        cfg.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(cfg);
             Pressroom second = Pressroom.builder().dataSource(ds).migrate(false).build()) {
            Javalin secondApp = WebApp.create(second, WebOptions.defaults()).start("127.0.0.1", 0);
            try {
                JsonNode p = printer(ann, orgA, "streamed");
                String key = key(ann, orgA, p.get("id").asText());
                JsonNode j = job(ann, orgA, Map.of("jobName", "live", "printerId", p.get("id").asText()));
                String base2 = "http://127.0.0.1:" + secondApp.port();
                BlockingQueue<String> lines = new LinkedBlockingQueue<>();
                HttpClient client = HttpClient.newHttpClient();
                HttpRequest req = HttpRequest.newBuilder(URI.create(base2 + "/api/print-jobs/" + j.get("id").asText()
                                + "/stream?organizationId=" + orgA))
                        .header("Accept", "text/event-stream").header("Cookie", "pressroom_session=" + ann).build();
                HttpResponse<java.io.InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
                assertThat(resp.statusCode()).isEqualTo(200);
                Thread reader = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (Exception ignored) {
                        // closed
                    }
                });
                reader.setDaemon(true);
                reader.start();

                String lease = agent("POST", "/api/printers/" + p.get("id").asText() + "/claim", key, null).body().get("leaseToken").asText();
                agent("POST", "/api/print-jobs/" + j.get("id").asText() + "/progress", key, Map.of("leaseToken", lease, "percent", 42));

                String firstId = null;
                JsonNode progress = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                String lastId = null;
                while (progress == null && System.nanoTime() < deadline) {
                    String line = lines.poll(1, TimeUnit.SECONDS);
                    if (line == null) {
                        continue;
                    }
                    if (line.startsWith("id:")) {
                        lastId = line.substring(3).strip();
                        if (firstId == null) {
                            firstId = lastId;
                        }
                    } else if (line.startsWith("data:")) {
                        JsonNode data = app.mapper().readTree(line.substring(5).strip());
                        if ("print_job.progress".equals(data.get("type").asText())) {
                            progress = data;
                        }
                    }
                }
                assertThat(progress).as("the progress event, streamed by the other instance").isNotNull();
                assertThat(progress.get("progressPercentage").asInt()).isEqualTo(42);
                assertThat(progress.get("status").asText()).isEqualTo("printing");
                assertThat(Long.parseLong(lastId)).isGreaterThan(Long.parseLong(firstId));

                // resuming after the first event replays the progress event
                HttpRequest replay = HttpRequest.newBuilder(URI.create(base2 + "/api/print-jobs/stream"))
                        .header("Accept", "text/event-stream").header("Authorization", "Bearer " + ann)
                        .header("X-Organization-Id", orgA.toString()).header("Last-Event-ID", firstId).build();
                HttpResponse<java.util.stream.Stream<String>> again = client.send(replay, HttpResponse.BodyHandlers.ofLines());
                String replayedId = again.body().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
                assertThat(replayedId).isEqualTo(lastId);
                resp.body().close();
            } finally {
                secondApp.stop();
            }
        }
    }
}
