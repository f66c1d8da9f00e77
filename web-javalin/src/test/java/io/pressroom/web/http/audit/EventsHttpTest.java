package io.pressroom.web.http.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pressroom.web.testing.TestApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventsHttpTest {
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void eachMutationWritesOneEventListedNewestFirstWithFiltersAndCursors() {
        String ann = app.signUp(TestApp.email("ann"));
        String bobEmail = TestApp.email("bob");
        String bob = app.signUp(bobEmail);
        UUID org = app.createOrganization(ann, "Evented");
        app.patch("/api/organizations/" + org, ann, null, Map.of("name", "Renamed"));
        app.post("/api/organizations/" + org + "/members", ann, null, Map.of("email", bobEmail, "role", "member"));
        UUID bobId = app.userId(bob);
        app.patch("/api/organizations/" + org + "/members/" + bobId, ann, null, Map.of("role", "admin"));
        // a refused mutation writes nothing
        app.patch("/api/organizations/" + org + "/members/" + bobId, ann, null, Map.of("role", "owner"));

        var all = app.get("/api/events", ann, org);
        assertThat(all.status()).isEqualTo(200);
        List<String> types = all.body().get("items").findValuesAsText("eventType");
        assertThat(types).containsExactly("member.role-changed", "member.added", "organization.updated", "organization.created");
        JsonNode first = all.body().get("items").get(0);
        assertThat(first.get("userId").asText()).isEqualTo(app.userId(ann).toString());
        assertThat(first.get("eventData").get("to").asText()).isEqualTo("admin");
        assertThat(first.get("userAgent").isNull()).isFalse();
        assertThat(first.get("ipAddress").isNull()).isFalse();

        var page1 = app.get("/api/events?limit=3", ann, org);
        assertThat(page1.body().get("items")).hasSize(3);
        String cursor = page1.body().get("nextCursor").asText();
        var page2 = app.get("/api/events?limit=3&cursor=" + cursor, ann, org);
        assertThat(page2.body().get("items").findValuesAsText("eventType")).containsExactly("organization.created");
        assertThat(page2.body().get("nextCursor").isNull()).isTrue();

        assertThat(app.get("/api/events?entityType=member", ann, org).body().get("items")).hasSize(2);
        assertThat(app.get("/api/events?eventType=member.added", ann, org).body().get("items")).hasSize(1);
        assertThat(app.get("/api/events?entityId=" + org, ann, org).body().get("items")).hasSize(2);
        assertThat(app.get("/api/events?userId=" + bobId, ann, org).body().get("items")).isEmpty();
        assertThat(app.get("/api/events?from=2999-01-01T00:00:00Z", ann, org).body().get("items")).isEmpty();
        assertThat(app.get("/api/events?to=2000-01-01T00:00:00Z", ann, org).body().get("items")).isEmpty();
        assertThat(app.get("/api/events?from=yesterday", ann, org).status()).isEqualTo(400);
        assertThat(app.get("/api/events?entityId=42", ann, org).status()).isEqualTo(400);
    }

    @Test
    void membersDoNotReadTheTrailAndEventsOfNoOrganizationAreForSystemAdmins() {
        String ann = app.signUp(TestApp.email("ann"));
        String bobEmail = TestApp.email("bob");
        String bob = app.signUp(bobEmail);
        UUID org = app.createOrganization(ann, "Private");
        app.post("/api/organizations/" + org + "/members", ann, null, Map.of("email", bobEmail, "role", "member"));
        assertThat(app.get("/api/events", bob, org).status()).isEqualTo(403);
        assertThat(app.get("/api/events/export", bob, org).status()).isEqualTo(403);
        assertThat(app.get("/api/events", null, org).status()).isEqualTo(401);

        String sys = app.systemAdminToken();
        var template = app.post("/api/templates", sys, null, Map.of("name", "Mug"));
        String templateId = template.body().get("id").asText();
        assertThat(app.get("/api/admin/events", ann, null).status()).isEqualTo(403);
        var system = app.get("/api/admin/events?entityType=template", sys, null);
        assertThat(system.status()).isEqualTo(200);
        assertThat(system.body().get("items").findValuesAsText("entityId")).contains(templateId);
        for (JsonNode e : system.body().get("items")) {
            assertThat(e.get("organizationId").isNull()).isTrue();
        }
        assertThat(app.get("/api/events?entityId=" + templateId, ann, org).body().get("items")).isEmpty();
    }

    @Test
    void csvExportIsAnEscapedFormulaSafeAttachment() throws Exception {
        String ann = app.signUp(TestApp.email("ann"));
        UUID org = app.createOrganization(ann, "=HYPERLINK(\"http://evil\",\"x\"), with \"quotes\"\nand a line");
        var r = app.get("/api/events/export?format=csv", ann, org);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).startsWith("attachment;").contains(".csv");
        List<List<String>> rows = parseCsv(r.text());
        assertThat(rows.get(0)).containsExactly("id", "createdAt", "organizationId", "userId", "eventType", "entityType", "entityId",
                "ipAddress", "userAgent", "eventData");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(4)).isEqualTo("organization.created");
        String eventData = rows.get(1).get(9);
        assertThat(eventData).startsWith("{").contains("HYPERLINK");
        // a cell that a spreadsheet would evaluate is defused
        app.patch("/api/organizations/" + org, ann, null, Map.of("description", "x"));
        app.post("/api/templates", app.systemAdminToken(), null, Map.of("name", "t"));
        var ndjson = app.get("/api/events/export?format=ndjson", ann, org);
        assertThat(ndjson.header("Content-Type")).startsWith("application/x-ndjson");
        String[] lines = ndjson.text().split("\n");
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(app.mapper().readTree(line).get("organizationId").asText()).isEqualTo(org.toString());
        }
        assertThat(app.get("/api/events/export?format=xlsx", ann, org).status()).isEqualTo(400);
        assertThat(EventExport.Csv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(EventExport.Csv.cell("+1")).isEqualTo("'+1");
        assertThat(EventExport.Csv.cell("-1")).isEqualTo("'-1");
        assertThat(EventExport.Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(EventExport.Csv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(EventExport.Csv.cell("=a,\"b\"")).isEqualTo("\"'=a,\"\"b\"\"\"");
        assertThat(EventExport.Csv.cell("plain")).isEqualTo("plain");
    }

    @Test
    void aLargeExportStreams() throws Exception {
        String ann = app.signUp(TestApp.email("ann"));
        UUID org = app.createOrganization(ann, "Big");
        // -Dpressroom.test.exportRows=400000 with -DargLine=-Xmx64m: the export must not hold the rows in memory
        int extra = Integer.getInteger("pressroom.test.exportRows", 30_000);
        app.db().exec("INSERT INTO events (organization_id, event_type, entity_type, event_data, created_at) "
                + "SELECT '" + org + "', 'bulk.test', 'bulk', jsonb_build_object('n', g, 'pad', repeat('x', 200)), "
                + "now() - (g || ' seconds')::interval FROM generate_series(1, " + extra + ") g");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/events/export?format=csv"))
                .header("Authorization", "Bearer " + ann).header("X-Organization-Id", org.toString()).build();
        HttpResponse<java.io.InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        // no Content-Length: the body is sent as it is produced (chunked), not assembled first
        assertThat(r.headers().firstValue("Content-Length")).isEmpty();
        long lines = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                lines++;
            }
        }
        assertThat(lines).isEqualTo(1 + 1 + extra); // header, organization.created, the bulk
    }

    /** A small RFC 4180 reader for the assertions. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
