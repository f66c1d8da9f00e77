package io.pressroom.web.http.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.storage.nas.NasFileStore;
import io.pressroom.web.WebOptions;
import io.pressroom.web.testing.TestApp;
import io.pressroom.web.testing.OpenApiOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call which route of the files, shops and canvas-config side, kept as data: route ×
 * caller → status (the contract's roles: {@code admin} manages shops, {@code member} works with
 * files; a resource of another organization answers like one that does not exist).
 * Callers, each naming an organization with {@code X-Organization-Id}:
 * <ul>
 *   <li>{@code anonymous}: no session (401);</li>
 *   <li>{@code outsider}: an admin of another organization naming ours (404: not theirs to name);</li>
 *   <li>{@code otherTenant}: that admin in their own organization, asking for our resources by id
 *       (404; on collections they see and create their own);</li>
 *   <li>{@code systemAdmin}: a system admin who is no member, naming ours (404: tenant data is
 *       members' only);</li>
 *   <li>{@code member} and {@code admin} of ours.</li>
 * </ul>
 * Every operation of these OpenAPI fragments must have a row, so a new route without one fails
 * the build.
 */
class FilesAuthorizationMatrixTest {
    static final List<String> FRAGMENTS = List.of("files.yaml", "shops.yaml", "canvas-configs.yaml");
    static final String[] CALLERS = {"anonymous", "outsider", "otherTenant", "systemAdmin", "member", "admin"};

    static Path storage;
    static TestApp app;
    static Fixture f;

    /** The people and our organization; rows create the resources they act on. */
    static final class Fixture {
        String admin;
        String member;
        String otherAdmin;
        UUID otherOrg;
        String system;
        UUID org;

        /** A token and the organization it names, per caller. */
        Map<String, Object[]> callers() {
            Map<String, Object[]> m = new LinkedHashMap<>();
            m.put("anonymous", new Object[] {null, org});
            m.put("outsider", new Object[] {otherAdmin, org});
            m.put("otherTenant", new Object[] {otherAdmin, otherOrg});
            m.put("systemAdmin", new Object[] {system, org});
            m.put("member", new Object[] {member, org});
            m.put("admin", new Object[] {admin, org});
            return m;
        }

        UUID file() {
            var r = upload(admin, org);
            assertThat(r.status()).as("upload by the admin: %s", r).isEqualTo(201);
            return UUID.fromString(r.body().get("id").asText());
        }

        UUID shop() {
            var r = app.post("/api/shops", admin, org, shopBody());
            assertThat(r.status()).as("shop by the admin: %s", r).isEqualTo(201);
            return UUID.fromString(r.body().get("id").asText());
        }

        UUID canvas() {
            var r = app.post("/api/canvas-configs", admin, org, canvasBody());
            assertThat(r.status()).as("canvas config by the admin: %s", r).isEqualTo(201);
            return UUID.fromString(r.body().get("id").asText());
        }
    }

    /** An SVG (its type is decided from these bytes) that no one uploaded before: no dedupe. */
    static String svg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\" data-n=\"" + UUID.randomUUID() + "\"/>";
    }

    static TestApp.Response upload(String token, UUID org) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        headers.put("X-Organization-Id", org.toString());
        headers.put("Content-Type", "image/svg+xml");
        return app.request("POST", "/api/files?filename=art.svg", headers, svg());
    }

    static Map<String, Object> shopBody() {
        return Map.of("name", "Shop", "platform", "etsy", "platformShopId", "etsy-" + UUID.randomUUID(),
                "shopConfig", Map.of("apiKey", "secret-" + UUID.randomUUID()));
    }

    static Map<String, Object> canvasBody() {
        return Map.of("name", "Sheet", "widthInches", 22, "heightInches", 24, "dpi", 300);
    }

    /** {@code body}: made for each caller; {@link #UPLOAD} sends a raw SVG instead of JSON. */
    record Row(String method, String route, Function<Fixture, String> path, Supplier<Object> body, int... expected) {
        @Override
        public String toString() {
            return method + " " + route;
        }
    }

    static final Supplier<Object> UPLOAD = () -> "upload";

    static Row row(String method, String route, Function<Fixture, String> path, Supplier<Object> body, int... expected) {
        return new Row(method, route, path, body, expected);
    }

    //                                   anonymous, outsider, otherTenant, systemAdmin, member, admin
    static List<Row> rows() {
        return List.of(
                row("POST", "/api/files", x -> "/api/files?filename=art.svg", UPLOAD, 401, 404, 201, 404, 201, 201),
                row("GET", "/api/files", x -> "/api/files", null, 401, 404, 200, 404, 200, 200),
                row("GET", "/api/files/{id}", x -> "/api/files/" + x.file(), null, 401, 404, 404, 404, 200, 200),
                row("GET", "/api/files/{id}/content", x -> "/api/files/" + x.file() + "/content", null, 401, 404, 404, 404, 200, 200),
                row("DELETE", "/api/files/{id}", x -> "/api/files/" + x.file(), null, 401, 404, 404, 404, 204, 204),
                // shops: members read, admins manage
                row("GET", "/api/shops", x -> "/api/shops", null, 401, 404, 200, 404, 200, 200),
                row("POST", "/api/shops", x -> "/api/shops", FilesAuthorizationMatrixTest::shopBody, 401, 404, 201, 404, 403, 201),
                row("GET", "/api/shops/{id}", x -> "/api/shops/" + x.shop(), null, 401, 404, 404, 404, 200, 200),
                row("PATCH", "/api/shops/{id}", x -> "/api/shops/" + x.shop(), () -> Map.of("name", "Renamed"),
                        401, 404, 404, 404, 403, 200),
                row("DELETE", "/api/shops/{id}", x -> "/api/shops/" + x.shop(), null, 401, 404, 404, 404, 403, 204),
                // canvas configs: the members' working material
                row("GET", "/api/canvas-configs", x -> "/api/canvas-configs", null, 401, 404, 200, 404, 200, 200),
                row("POST", "/api/canvas-configs", x -> "/api/canvas-configs", FilesAuthorizationMatrixTest::canvasBody,
                        401, 404, 201, 404, 201, 201),
                row("GET", "/api/canvas-configs/{id}", x -> "/api/canvas-configs/" + x.canvas(), null, 401, 404, 404, 404, 200, 200),
                row("PATCH", "/api/canvas-configs/{id}", x -> "/api/canvas-configs/" + x.canvas(), () -> Map.of("dpi", 600),
                        401, 404, 404, 404, 200, 200),
                row("DELETE", "/api/canvas-configs/{id}", x -> "/api/canvas-configs/" + x.canvas(), null, 401, 404, 404, 404, 204, 204));
    }

    @BeforeAll
    static void start() throws Exception {
        storage = Files.createTempDirectory("pressroom-matrix");
        app = TestApp.start(b -> b.fileStore(new NasFileStore(storage)).secretKey("a test secret key, long enough"),
                WebOptions.defaults());
        f = new Fixture();
        f.admin = app.signUp(TestApp.email("admin"));
        f.org = app.createOrganization(f.admin, "Ours");
        f.member = app.signUp(TestApp.email("member"));
        UUID memberId = app.userId(f.member);
        app.db().exec("INSERT INTO organization_members (organization_id, user_id, role) VALUES ('" + f.org + "', '"
                + memberId + "', 'member')");
        f.otherAdmin = app.signUp(TestApp.email("other"));
        f.otherOrg = app.createOrganization(f.otherAdmin, "Theirs");
        f.system = app.systemAdminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        try (Stream<Path> walk = Files.walk(storage)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Stream<Row> cases() {
        return rows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCallerGetsItsStatus(Row row) {
        List<String> failures = new ArrayList<>();
        Map<String, Object[]> callers = f.callers();
        for (int i = 0; i < CALLERS.length; i++) {
            Object[] who = callers.get(CALLERS[i]);
            String token = (String) who[0];
            UUID org = (UUID) who[1];
            String path = row.path().apply(f);
            TestApp.Response r = row.body() == UPLOAD ? upload(token, org)
                    : app.send(row.method(), path, token, org, row.body() == null ? null : row.body().get());
            if (r.status() != row.expected()[i]) {
                failures.add(CALLERS[i] + ": expected " + row.expected()[i] + ", got " + r);
            }
        }
        assertThat(failures).as(row.toString()).isEmpty();
    }

    @Test
    void aFileOfAnotherOrganizationIsNeitherListedNorDeletedNorItsBytesLost() {
        UUID ours = f.file();
        var theirList = app.get("/api/files", f.otherAdmin, f.otherOrg);
        assertThat(theirList.status()).isEqualTo(200);
        assertThat(theirList.body().get("items").findValuesAsText("id")).doesNotContain(ours.toString());
        assertThat(app.delete("/api/files/" + ours, f.otherAdmin, f.otherOrg).status()).isEqualTo(404);
        var content = app.get("/api/files/" + ours + "/content", f.member, f.org);
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.text()).startsWith("<svg");
    }

    @Test
    void everyOperationOfThisSidesFragmentsHasARow() throws Exception {
        TreeSet<String> documented = OpenApiOperations.documented(FRAGMENTS.toArray(String[]::new));
        TreeSet<String> inMatrix = new TreeSet<>();
        rows().forEach(r -> inMatrix.add(r.method() + " " + r.route()));
        assertThat(inMatrix).containsExactlyInAnyOrderElementsOf(documented);
        assertThat(documented).hasSize(15);
    }
}
