package io.pressroom.web.http.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.web.testing.TestApp;
import io.pressroom.web.testing.OpenApiOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call which route of the organization side, kept as data: route × caller → status.
 * Callers: anonymous, an admin of another organization, a system admin who is no member, a
 * member, an admin. Every operation of this side's OpenAPI fragments must have a row (so a new
 * route without one fails the build), and the fragments are checked against the registered
 * routes by OpenApiDocumentTest.
 */
class OrganizationsAuthorizationMatrixTest {
    static final List<String> FRAGMENTS = List.of("organizations.yaml", "events.yaml", "admin-organizations.yaml", "templates.yaml");
    static final String[] CALLERS = {"anonymous", "otherAdmin", "systemAdmin", "member", "admin"};

    static TestApp app;
    static Fixture f;

    /** The shared people; each row prepares its own organization or resource when it changes one. */
    static final class Fixture {
        String admin;
        String member;
        String otherAdmin;
        String system;
        String newcomerEmail;
        UUID memberId;
        UUID newcomerId;
        UUID org;

        Map<String, String> tokens() {
            java.util.HashMap<String, String> m = new java.util.HashMap<>();
            m.put("anonymous", null);
            m.put("otherAdmin", otherAdmin);
            m.put("systemAdmin", system);
            m.put("member", member);
            m.put("admin", admin);
            return m;
        }

        /** A new organization of {@code admin} with {@code member} in it. */
        UUID freshOrg() {
            UUID id = app.createOrganization(admin, "Fresh");
            app.post("/api/organizations/" + id + "/members", admin, null, Map.of("email", memberEmail, "role", "member"));
            return id;
        }

        String memberEmail;
    }

    record Row(String method, String route, Function<Fixture, String> path, Object body, boolean orgHeader, int... expected) {
        @Override
        public String toString() {
            return method + " " + route;
        }
    }

    static Row row(String method, String route, Function<Fixture, String> path, Object body, int... expected) {
        return new Row(method, route, path, body, false, expected);
    }

    //                       anonymous, otherAdmin, systemAdmin, member, admin
    static List<Row> rows() {
        return List.of(
                row("GET", "/api/organizations", x -> "/api/organizations", null, 401, 200, 200, 200, 200),
                row("POST", "/api/organizations", x -> "/api/organizations", Map.of("name", "New"), 401, 201, 201, 201, 201),
                row("GET", "/api/organizations/{id}", x -> "/api/organizations/" + x.org, null, 401, 404, 404, 200, 200),
                row("PATCH", "/api/organizations/{id}", x -> "/api/organizations/" + x.org, Map.of("name", "Renamed"),
                        401, 404, 404, 403, 200),
                row("DELETE", "/api/organizations/{id}", x -> "/api/organizations/" + x.freshOrg(), null, 401, 404, 404, 403, 204),
                row("GET", "/api/organizations/{id}/members", x -> "/api/organizations/" + x.org + "/members", null,
                        401, 404, 404, 200, 200),
                row("POST", "/api/organizations/{id}/members", x -> "/api/organizations/" + x.freshOrg() + "/members",
                        Map.of("email", "NEWCOMER", "role", "member"), 401, 404, 404, 403, 201),
                row("PATCH", "/api/organizations/{id}/members/{userId}",
                        x -> "/api/organizations/" + x.org + "/members/" + x.memberId, Map.of("role", "member"), 401, 404, 404, 403, 200),
                row("DELETE", "/api/organizations/{id}/members/{userId}", x -> {
                    UUID o = x.freshOrg();
                    app.post("/api/organizations/" + o + "/members", x.admin, null, Map.of("email", x.newcomerEmail, "role", "member"));
                    return "/api/organizations/" + o + "/members/" + x.newcomerId;
                }, null, 401, 404, 404, 403, 204),
                row("GET", "/api/organizations/{id}/invitations", x -> "/api/organizations/" + x.org + "/invitations", null,
                        401, 404, 404, 403, 200),
                row("POST", "/api/organizations/{id}/invitations", x -> "/api/organizations/" + x.org + "/invitations",
                        Map.of("email", "someone@example.com"), 401, 404, 404, 403, 201),
                row("DELETE", "/api/organizations/{id}/invitations/{invitationId}", x -> "/api/organizations/" + x.org + "/invitations/"
                        + app.post("/api/organizations/" + x.org + "/invitations", x.admin, null, Map.of("email", "z@example.com"))
                                .body().get("id").asText(), null, 401, 404, 404, 403, 204),
                // only the invitee (none of these callers) may accept: everyone signed in gets 409
                row("POST", "/api/invitations/{token}/accept", x -> "/api/invitations/"
                        + app.post("/api/organizations/" + x.org + "/invitations", x.admin, null, Map.of("email", x.newcomerEmail))
                                .body().get("token").asText() + "/accept", null, 401, 409, 409, 409, 409),
                new Row("GET", "/api/events", x -> "/api/events", null, true, 401, 404, 404, 403, 200),
                new Row("GET", "/api/events/export", x -> "/api/events/export", null, true, 401, 404, 404, 403, 200),
                row("GET", "/api/admin/events", x -> "/api/admin/events", null, 401, 403, 200, 403, 403),
                row("GET", "/api/admin/events/export", x -> "/api/admin/events/export?format=ndjson", null, 401, 403, 200, 403, 403),
                row("GET", "/api/admin/organizations", x -> "/api/admin/organizations", null, 401, 403, 200, 403, 403),
                row("GET", "/api/admin/organizations/{id}", x -> "/api/admin/organizations/" + x.org, null, 401, 403, 200, 403, 403),
                row("PATCH", "/api/admin/organizations/{id}", x -> "/api/admin/organizations/" + x.org, Map.of("isActive", true),
                        401, 403, 200, 403, 403),
                row("GET", "/api/admin/stats", x -> "/api/admin/stats", null, 401, 403, 200, 403, 403),
                row("GET", "/api/templates", x -> "/api/templates", null, 401, 200, 200, 200, 200),
                row("POST", "/api/templates", x -> "/api/templates", Map.of("name", "T"), 401, 403, 201, 403, 403),
                row("GET", "/api/templates/{id}", x -> "/api/templates/" + template(x), null, 401, 200, 200, 200, 200),
                row("PATCH", "/api/templates/{id}", x -> "/api/templates/" + template(x), Map.of("name", "T2"), 401, 403, 200, 403, 403),
                row("DELETE", "/api/templates/{id}", x -> "/api/templates/" + template(x), null, 401, 403, 204, 403, 403));
    }

    static String template(Fixture x) {
        return app.post("/api/templates", x.system, null, Map.of("name", "T")).body().get("id").asText();
    }

    @BeforeAll
    static void start() {
        app = TestApp.start();
        f = new Fixture();
        f.admin = app.signUp(TestApp.email("admin"));
        f.memberEmail = TestApp.email("member");
        f.member = app.signUp(f.memberEmail);
        f.memberId = app.userId(f.member);
        f.otherAdmin = app.signUp(TestApp.email("other"));
        app.createOrganization(f.otherAdmin, "Other");
        f.system = app.systemAdminToken();
        f.newcomerEmail = TestApp.email("newcomer");
        f.newcomerId = app.userId(app.signUp(f.newcomerEmail));
        f.org = f.freshOrg();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Stream<Row> cases() {
        return rows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCallerGetsItsStatus(Row row) {
        Map<String, String> tokens = f.tokens();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CALLERS.length; i++) {
            String caller = CALLERS[i];
            String path = row.path().apply(f);
            Object body = row.body() instanceof Map<?, ?> m && "NEWCOMER".equals(m.get("email"))
                    ? Map.of("email", f.newcomerEmail, "role", "member") : row.body();
            String token = tokens.get(caller);
            UUID orgHeader = null;
            if (row.orgHeader() && token != null) {
                orgHeader = f.org; // every caller names the admin's organization
            }
            var r = app.send(row.method(), path, token, orgHeader, body);
            if (r.status() != row.expected()[i]) {
                failures.add(caller + ": expected " + row.expected()[i] + ", got " + r);
            }
        }
        assertThat(failures).as(row.toString()).isEmpty();
    }

    @Test
    void everyOperationOfThisSidesFragmentsHasARow() throws Exception {
        TreeSet<String> documented = OpenApiOperations.documented(FRAGMENTS.toArray(String[]::new));
        TreeSet<String> inMatrix = new TreeSet<>();
        rows().forEach(r -> inMatrix.add(r.method() + " " + r.route().replace("{userId}", "{userId}")));
        assertThat(inMatrix).containsExactlyInAnyOrderElementsOf(documented);
        assertThat(documented).hasSizeGreaterThan(20);
    }
}
