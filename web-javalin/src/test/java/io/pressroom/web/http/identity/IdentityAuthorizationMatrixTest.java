package io.pressroom.web.http.identity;

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
 * Who may call which identity route, kept as data: route × caller → status. Callers: anonymous,
 * a signed-in user in no organization, an organization's admin (no system admin), a system admin.
 * Every operation of identity.yaml must have a row. Rows that end or change a session take a
 * fresh account per caller ({@link Who#fresh}), so the shared ones stay signed in.
 */
class IdentityAuthorizationMatrixTest {
    static final String[] CALLERS = {"anonymous", "user", "orgAdmin", "systemAdmin"};
    static TestApp app;
    static Map<String, String> shared;
    static UUID target;

    /** Which token a caller sends on a row: the shared one, or a fresh account's (same kind of caller). */
    enum Who { SHARED, FRESH }

    record Row(String method, String route, Who who, Function<String, String> path, Function<String, Object> body,
               int... expected) {
        @Override
        public String toString() {
            return method + " " + route;
        }
    }

    @BeforeAll
    static void start() {
        app = TestApp.start();
        shared = new java.util.HashMap<>();
        shared.put("anonymous", null);
        shared.put("user", app.signUp(TestApp.email("user")));
        String orgAdmin = app.signUp(TestApp.email("orgadmin"));
        app.createOrganization(orgAdmin, "Matrix shop");
        shared.put("orgAdmin", orgAdmin);
        shared.put("systemAdmin", app.systemAdminToken());
        target = app.userId(app.signUp(TestApp.email("target")));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A new signed-in caller of the same kind. */
    static String fresh(String caller) {
        return switch (caller) {
            case "anonymous" -> null;
            case "user" -> app.signUp(TestApp.email("fresh"));
            case "orgAdmin" -> {
                String t = app.signUp(TestApp.email("fresh-admin"));
                app.createOrganization(t, "Fresh shop");
                yield t;
            }
            default -> {
                String email = TestApp.email("fresh-sys");
                app.signUp(email);
                app.db().exec("UPDATE users SET is_admin = true WHERE email = '" + email + "'");
                yield app.login(email, TestApp.PASSWORD);
            }
        };
    }

    static Row row(String method, String route, Function<String, String> path, Function<String, Object> body, int... expected) {
        return new Row(method, route, Who.SHARED, path, body, expected);
    }

    //                                                                    anonymous, user, orgAdmin, systemAdmin
    static Stream<Row> rows() {
        return Stream.of(
                row("POST", "/api/auth/signup", c -> "/api/auth/signup",
                        c -> Map.of("email", TestApp.email("signup"), "password", TestApp.PASSWORD, "name", "S"), 201, 201, 201, 201),
                row("POST", "/api/auth/login", c -> "/api/auth/login", c -> {
                    String email = TestApp.email("login");
                    app.signUp(email);
                    return Map.of("email", email, "password", TestApp.PASSWORD);
                }, 200, 200, 200, 200),
                new Row("POST", "/api/auth/logout", Who.FRESH, c -> "/api/auth/logout", c -> null, 401, 204, 204, 204),
                row("POST", "/api/auth/password-reset", c -> "/api/auth/password-reset",
                        c -> Map.of("token", "not-a-token-of-ours", "newPassword", "a fine new password"), 400, 400, 400, 400),
                row("GET", "/api/me", c -> "/api/me", c -> null, 401, 200, 200, 200),
                new Row("POST", "/api/me/password", Who.FRESH, c -> "/api/me/password",
                        c -> Map.of("currentPassword", TestApp.PASSWORD, "newPassword", "a fine new password"), 401, 204, 204, 204),
                row("GET", "/api/admin/users", c -> "/api/admin/users", c -> null, 401, 403, 403, 200),
                row("GET", "/api/admin/users/{id}", c -> "/api/admin/users/" + target, c -> null, 401, 403, 403, 200),
                row("PATCH", "/api/admin/users/{id}", c -> "/api/admin/users/" + target, c -> Map.of("isSystemAdmin", false),
                        401, 403, 403, 200),
                row("POST", "/api/admin/users/{id}/password-reset", c -> "/api/admin/users/" + target + "/password-reset",
                        c -> null, 401, 403, 403, 201));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachCallerGetsTheExpectedStatus(Row row) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CALLERS.length; i++) {
            String caller = CALLERS[i];
            String token = row.who() == Who.FRESH ? fresh(caller) : shared.get(caller);
            var r = app.send(row.method(), row.path().apply(caller), token, null, row.body().apply(caller));
            if (r.status() != row.expected()[i]) {
                failures.add(caller + ": expected " + row.expected()[i] + ", got " + r);
            }
        }
        assertThat(failures).as(row.toString()).isEmpty();
    }

    @Test
    void everyOperationOfTheIdentityFragmentHasARow() throws Exception {
        TreeSet<String> documented = OpenApiOperations.documented("identity.yaml");
        TreeSet<String> inMatrix = new TreeSet<>();
        rows().forEach(r -> inMatrix.add(r.method() + " " + r.route()));
        assertThat(inMatrix).isEqualTo(documented);
    }
}
