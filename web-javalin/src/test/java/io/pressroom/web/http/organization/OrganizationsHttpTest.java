package io.pressroom.web.http.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.web.testing.TestApp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Organizations, members and invitations over HTTP, on the real server and database. */
class OrganizationsHttpTest {
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
    void aNewUserSeesNoneAndTheCreatorBecomesAdmin() {
        String ann = app.signUp(TestApp.email("ann"));
        var none = app.get("/api/organizations", ann, null);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().get("items")).isEmpty();
        assertThat(none.body().has("nextCursor")).isTrue();

        var created = app.post("/api/organizations", ann, null, Map.of("name", "Ann Prints", "description", "DTF"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("role").asText()).isEqualTo("admin");
        assertThat(created.body().get("isActive").asBoolean()).isTrue();
        UUID id = UUID.fromString(created.body().get("id").asText());
        assertThat(app.get("/api/organizations", ann, null).body().get("items").get(0).get("id").asText()).isEqualTo(id.toString());
        assertThat(app.get("/api/me", ann, null).body().get("primaryOrganizationId").asText()).isEqualTo(id.toString());
        assertThat(app.get("/api/organizations/" + id, ann, null).body().get("name").asText()).isEqualTo("Ann Prints");
    }

    @Test
    void bodiesListWhatMayBeWritten() {
        String ann = app.signUp(TestApp.email("ann"));
        var r = app.post("/api/organizations", ann, null, Map.of("name", "X", "id", UUID.randomUUID().toString()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(app.post("/api/organizations", ann, null, Map.of("description", "no name")).status()).isEqualTo(400);
        assertThat(app.post("/api/organizations", ann, null, "{not json").status()).isEqualTo(400);
        assertThat(app.post("/api/organizations", null, null, Map.of("name", "X")).status()).isEqualTo(401);
        UUID org = app.createOrganization(ann, "Strict");
        assertThat(app.patch("/api/organizations/" + org, ann, null, Map.of("settings", Map.of("is_active", false))).status()).isEqualTo(400);
        assertThat(app.patch("/api/organizations/" + org, ann, null, Map.of("createdAt", "2020-01-01T00:00:00Z")).status()).isEqualTo(400);
        assertThat(app.get("/api/organizations/not-a-uuid", ann, null).status()).isEqualTo(400);
        assertThat(app.get("/api/organizations?limit=-1", ann, null).status()).isEqualTo(400);
        assertThat(app.get("/api/organizations?limit=abc", ann, null).status()).isEqualTo(400);
        assertThat(app.get("/api/organizations?limit=100000", ann, null).status()).isEqualTo(200);
        assertThat(app.get("/api/organizations?cursor=garbage", ann, null).status()).isEqualTo(400);
    }

    @Test
    void anotherOrganizationsIdsAnswerExactlyLikeUnknownOnes() {
        String a = app.signUp(TestApp.email("a"));
        String b = app.signUp(TestApp.email("b"));
        UUID orgA = app.createOrganization(a, "A");
        app.createOrganization(b, "B");
        UUID userA = app.userId(a);
        UUID invA = UUID.fromString(app.post("/api/organizations/" + orgA + "/invitations", a, null,
                Map.of("email", TestApp.email("x"), "role", "member")).body().get("id").asText());
        UUID unknown = UUID.randomUUID();
        Map<String, Object> rename = Map.of("name", "x");
        Map<String, Object> role = Map.of("role", "member");
        Map<String, Object> someone = Map.of("email", TestApp.email("y"), "role", "member");
        List<Object[]> probes = List.of(
                new Object[] {"GET", "/api/organizations/%s", null},
                new Object[] {"PATCH", "/api/organizations/%s", rename},
                new Object[] {"DELETE", "/api/organizations/%s", null},
                new Object[] {"GET", "/api/organizations/%s/members", null},
                new Object[] {"POST", "/api/organizations/%s/members", someone},
                new Object[] {"PATCH", "/api/organizations/%s/members/" + userA, role},
                new Object[] {"DELETE", "/api/organizations/%s/members/" + userA, null},
                new Object[] {"GET", "/api/organizations/%s/invitations", null},
                new Object[] {"POST", "/api/organizations/%s/invitations", someone},
                new Object[] {"DELETE", "/api/organizations/%s/invitations/" + invA, null},
                new Object[] {"GET", "/api/admin/organizations/%s", null});
        for (Object[] probe : probes) {
            String method = (String) probe[0];
            String path = (String) probe[1];
            var foreign = app.send(method, path.formatted(orgA), b, null, probe[2]);
            var missing = app.send(method, path.formatted(unknown), b, null, probe[2]);
            int expected = path.startsWith("/api/admin") ? 403 : 404;
            assertThat(foreign.status()).as(method + " " + path).isEqualTo(expected);
            assertThat(missing.status()).as(method + " " + path).isEqualTo(expected);
            assertThat(foreign.body().get("code")).isEqualTo(missing.body().get("code"));
            assertThat(foreign.body().get("detail").asText().replace(orgA.toString(), "ID"))
                    .isEqualTo(missing.body().get("detail").asText().replace(unknown.toString(), "ID"));
        }
        // A is untouched
        assertThat(app.get("/api/organizations/" + orgA, a, null).body().get("name").asText()).isEqualTo("A");
        assertThat(app.get("/api/organizations/" + orgA + "/members", a, null).body().get("items")).hasSize(1);
        // and the organization header cannot select it either
        assertThat(app.get("/api/events", b, orgA).status()).isEqualTo(404);
    }

    @Test
    void membersRolesAndTheLastAdmin() {
        String admin = app.signUp(TestApp.email("admin"));
        String bobEmail = TestApp.email("bob");
        String bob = app.signUp(bobEmail);
        UUID org = app.createOrganization(admin, "Team");
        var added = app.post("/api/organizations/" + org + "/members", admin, null, Map.of("email", bobEmail, "role", "member"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().get("role").asText()).isEqualTo("member");
        assertThat(added.text()).doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("hash");
        UUID bobId = UUID.fromString(added.body().get("userId").asText());
        UUID adminId = app.userId(admin);

        assertThat(app.get("/api/organizations/" + org + "/members", bob, null).status()).isEqualTo(200);
        assertThat(app.patch("/api/organizations/" + org, bob, null, Map.of("name", "Mine")).status()).isEqualTo(403);
        assertThat(app.patch("/api/organizations/" + org + "/members/" + bobId, bob, null, Map.of("role", "admin")).status()).isEqualTo(403);
        assertThat(app.patch("/api/organizations/" + org + "/members/" + bobId, admin, null, Map.of("role", "owner")).status()).isEqualTo(400);

        var lastAdmin = app.patch("/api/organizations/" + org + "/members/" + adminId, admin, null, Map.of("role", "member"));
        assertThat(lastAdmin.status()).isEqualTo(409);
        assertThat(lastAdmin.body().get("code").asText()).isEqualTo("member.last-admin");
        assertThat(app.delete("/api/organizations/" + org + "/members/" + adminId, admin, null).status()).isEqualTo(409);

        assertThat(app.patch("/api/organizations/" + org + "/members/" + bobId, admin, null, Map.of("role", "admin")).status()).isEqualTo(200);
        assertThat(app.delete("/api/organizations/" + org + "/members/" + adminId, admin, null).status()).isEqualTo(204); // leaves
        assertThat(app.get("/api/organizations/" + org, admin, null).status()).isEqualTo(404);
        assertThat(app.delete("/api/organizations/" + org + "/members/" + bobId, bob, null).status()).isEqualTo(409);
    }

    @Test
    void anInvitationIsAcceptedOnceByItsInvitee() {
        String admin = app.signUp(TestApp.email("admin"));
        String eveEmail = TestApp.email("eve");
        String eve = app.signUp(eveEmail);
        String mallory = app.signUp(TestApp.email("mallory"));
        UUID org = app.createOrganization(admin, "Inviting");
        var issued = app.post("/api/organizations/" + org + "/invitations", admin, null, Map.of("email", eveEmail, "role", "admin"));
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.body().get("token").asText();
        assertThat(issued.body().get("expiresAt").asText()).isNotEmpty();
        var listed = app.get("/api/organizations/" + org + "/invitations", admin, null);
        assertThat(listed.text()).doesNotContain(token).doesNotContainIgnoringCase("hash");
        assertThat(listed.body().get("items").get(0).get("status").asText()).isEqualTo("pending");

        assertThat(app.post("/api/invitations/" + token + "/accept", null, null, null).status()).isEqualTo(401);
        assertThat(app.post("/api/invitations/" + token + "/accept", mallory, null, null).status()).isEqualTo(409);
        assertThat(app.post("/api/invitations/nope/accept", eve, null, null).status()).isEqualTo(404);
        var accepted = app.post("/api/invitations/" + token + "/accept", eve, null, null);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().get("role").asText()).isEqualTo("admin");
        assertThat(app.post("/api/invitations/" + token + "/accept", eve, null, null).status()).isEqualTo(409);
        assertThat(app.get("/api/organizations/" + org, eve, null).status()).isEqualTo(200);

        var second = app.post("/api/organizations/" + org + "/invitations", admin, null, Map.of("email", TestApp.email("z")));
        UUID secondId = UUID.fromString(second.body().get("id").asText());
        assertThat(app.delete("/api/organizations/" + org + "/invitations/" + secondId, admin, null).status()).isEqualTo(204);
        assertThat(app.delete("/api/organizations/" + org + "/invitations/" + secondId, admin, null).status()).isEqualTo(409);
    }

    @Test
    void deactivationMakesAnOrganizationReadOnlyAndSoftDeleteKeepsItsEvents() {
        String ann = app.signUp(TestApp.email("ann"));
        UUID org = app.createOrganization(ann, "Sleepy");
        String sys = app.systemAdminToken();
        assertThat(app.patch("/api/admin/organizations/" + org, ann, null, Map.of("isActive", false)).status()).isEqualTo(403);
        assertThat(app.patch("/api/admin/organizations/" + org, sys, null, Map.of()).status()).isEqualTo(400);
        var off = app.patch("/api/admin/organizations/" + org, sys, null, Map.of("isActive", false));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.body().get("isActive").asBoolean()).isFalse();

        assertThat(app.get("/api/organizations/" + org, ann, null).body().get("isActive").asBoolean()).isFalse();
        var refused = app.patch("/api/organizations/" + org, ann, null, Map.of("name", "Awake"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("code").asText()).isEqualTo("organization.inactive");
        assertThat(app.get("/api/events", ann, org).status()).isEqualTo(200);

        assertThat(app.patch("/api/admin/organizations/" + org, sys, null, Map.of("isActive", true)).status()).isEqualTo(200);
        assertThat(app.patch("/api/organizations/" + org, ann, null, Map.of("name", "Awake")).status()).isEqualTo(200);

        long events = count("SELECT count(*) FROM events WHERE organization_id = '" + org + "'");
        assertThat(app.delete("/api/organizations/" + org, ann, null).status()).isEqualTo(204);
        assertThat(app.get("/api/organizations/" + org, ann, null).status()).isEqualTo(404);
        assertThat(app.get("/api/organizations", ann, null).body().get("items")).isEmpty();
        assertThat(app.get("/api/admin/organizations/" + org, sys, null).status()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM events WHERE organization_id = '" + org + "'")).isEqualTo(events + 1);
        assertThat(count("SELECT count(*) FROM organizations WHERE id = '" + org + "'")).isEqualTo(1);
    }

    @Test
    void systemAdminListsOrganizationsAndReadsStats() {
        String ann = app.signUp(TestApp.email("ann"));
        UUID org = app.createOrganization(ann, "Counted");
        String sys = app.systemAdminToken();
        assertThat(app.get("/api/admin/organizations", ann, null).status()).isEqualTo(403);
        assertThat(app.get("/api/admin/stats", ann, null).status()).isEqualTo(403);
        assertThat(app.get("/api/admin/stats", null, null).status()).isEqualTo(401);
        var list = app.get("/api/admin/organizations?limit=200", sys, null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("items").findValuesAsText("id")).contains(org.toString());
        var stats = app.get("/api/admin/stats", sys, null);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.body().get("users").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.body().get("organizations").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.body().get("printJobsByStatus").get("pending").asLong()).isZero();
    }

    @Test
    void templatesAreReadByEveryoneAndWrittenBySystemAdmins() {
        String ann = app.signUp(TestApp.email("ann"));
        String sys = app.systemAdminToken();
        assertThat(app.post("/api/templates", ann, null, Map.of("name", "A4")).status()).isEqualTo(403);
        var created = app.post("/api/templates", sys, null, Map.of("name", "A4", "widthInches", 8.27, "heightInches", 11.69));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(app.get("/api/templates", ann, null).body().get("items").findValuesAsText("id")).contains(id);
        assertThat(app.get("/api/templates", null, null).status()).isEqualTo(401);
        assertThat(app.patch("/api/templates/" + id, ann, null, Map.of("name", "B")).status()).isEqualTo(403);
        assertThat(app.patch("/api/templates/" + id, sys, null, Map.of("name", "A4 portrait")).body().get("name").asText())
                .isEqualTo("A4 portrait");
        assertThat(app.post("/api/templates", sys, null, Map.of("name", "bad", "widthInches", -1)).status()).isEqualTo(400);
        assertThat(app.delete("/api/templates/" + id, ann, null).status()).isEqualTo(403);
        assertThat(app.delete("/api/templates/" + id, sys, null).status()).isEqualTo(204);
        assertThat(app.get("/api/templates/" + id, ann, null).status()).isEqualTo(404);
    }

    static long count(String sql) {
        try (var c = app.db().dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
