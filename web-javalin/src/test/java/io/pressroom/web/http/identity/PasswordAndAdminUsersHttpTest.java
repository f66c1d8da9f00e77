package io.pressroom.web.http.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.web.testing.TestApp;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordAndAdminUsersHttpTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void changingThePasswordKeepsThisSessionAndRevokesTheOthers() {
        String email = TestApp.email("changer");
        String first = app.signUp(email);
        String second = app.login(email, TestApp.PASSWORD);

        var wrong = app.post("/api/me/password", second, null, Map.of("currentPassword", "not it at all", "newPassword", "a brand new secret"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().get("code").asText()).isEqualTo("auth.wrong-password");
        var weak = app.post("/api/me/password", second, null, Map.of("currentPassword", TestApp.PASSWORD, "newPassword", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body().get("errors").has("newPassword")).isTrue();

        var ok = app.post("/api/me/password", second, null, Map.of("currentPassword", TestApp.PASSWORD, "newPassword", "a brand new secret"));
        assertThat(ok.status()).as(ok.text()).isEqualTo(204);
        assertThat(app.get("/api/me", second, null).status()).isEqualTo(200);
        assertThat(app.get("/api/me", first, null).status()).isEqualTo(401);
        assertThat(app.post("/api/auth/login", null, null, Map.of("email", email, "password", TestApp.PASSWORD)).status()).isEqualTo(401);
        assertThat(app.login(email, "a brand new secret")).isNotBlank();
    }

    @Test
    void aSystemAdminIssuesAOneTimeResetTokenThatRevokesEverySession() {
        String email = TestApp.email("forgetful");
        String session = app.signUp(email);
        UUID id = app.userId(session);

        assertThat(app.post("/api/admin/users/" + id + "/password-reset", session, null, null).status()).isEqualTo(403);
        var issued = app.post("/api/admin/users/" + id + "/password-reset", app.systemAdminToken(), null, null);
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        String token = issued.body().get("token").asText();
        assertThat(issued.body().get("expiresAt").asText()).endsWith("Z");
        assertThat(app.post("/api/admin/users/" + UUID.randomUUID() + "/password-reset", app.systemAdminToken(), null, null).status())
                .isEqualTo(404);

        // a second token supersedes the first
        var superseded = app.post("/api/admin/users/" + id + "/password-reset", app.systemAdminToken(), null, null);
        String older = token;
        token = superseded.body().get("token").asText();
        assertThat(app.post("/api/auth/password-reset", null, null, Map.of("token", older, "newPassword", "reset to this one"))
                .status()).isEqualTo(400);
        var redeemed = app.post("/api/auth/password-reset", null, null, Map.of("token", token, "newPassword", "reset to this one"));
        assertThat(redeemed.status()).as(redeemed.text()).isEqualTo(204);
        assertThat(app.get("/api/me", session, null).status()).isEqualTo(401);
        assertThat(app.login(email, "reset to this one")).isNotBlank();

        var again = app.post("/api/auth/password-reset", null, null, Map.of("token", token, "newPassword", "and once more now"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().get("code").asText()).isEqualTo("password-reset.invalid-token");
        assertThat(app.post("/api/auth/password-reset", null, null, Map.of("token", "made-up", "newPassword", "and once more now"))
                .status()).isEqualTo(400);
    }

    @Test
    void systemAdminsPageThroughUsersFilteredByEmailPrefix() {
        String admin = app.systemAdminToken();
        for (int i = 0; i < 5; i++) {
            app.post("/api/auth/signup", null, null, Map.of("email", "pager" + i + "-" + UUID.randomUUID() + "@example.com",
                    "password", TestApp.PASSWORD, "name", "Pager " + i));
        }
        assertThat(app.get("/api/admin/users", app.signUp(TestApp.email("plain")), null).status()).isEqualTo(403);
        assertThat(app.get("/api/admin/users", null, null).status()).isEqualTo(401);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = app.get("/api/admin/users?email=PAGER&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin, null);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.body().get("items").forEach(u -> {
                assertThat(u.get("email").asText()).startsWith("pager");
                assertThat(seen.add(u.get("id").asText())).isTrue();
            });
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);
        assertThat(app.get("/api/admin/users?cursor=garbage", admin, null).status()).isEqualTo(400);
        assertThat(app.get("/api/admin/users?limit=-1", admin, null).status()).isEqualTo(400);
    }

    @Test
    void theLastSystemAdminCannotBeWithdrawn() {
        try (TestApp fresh = TestApp.start()) {
            String admin = fresh.systemAdminToken();
            UUID adminId = fresh.userId(admin);
            var refused = fresh.patch("/api/admin/users/" + adminId, admin, null, Map.of("isSystemAdmin", false));
            assertThat(refused.status()).as(refused.text()).isEqualTo(409);
            assertThat(refused.body().get("code").asText()).isEqualTo("user.last-system-admin");

            String other = fresh.signUp(TestApp.email("other"));
            UUID otherId = fresh.userId(other);
            assertThat(fresh.patch("/api/admin/users/" + otherId, other, null, Map.of("isSystemAdmin", true)).status()).isEqualTo(403);
            var granted = fresh.patch("/api/admin/users/" + otherId, admin, null, Map.of("isSystemAdmin", true));
            assertThat(granted.status()).isEqualTo(200);
            assertThat(granted.body().get("isSystemAdmin").asBoolean()).isTrue();
            assertThat(fresh.get("/api/me", other, null).body().get("isSystemAdmin").asBoolean()).isTrue();
            assertThat(fresh.patch("/api/admin/users/" + adminId, other, null, Map.of("isSystemAdmin", false)).status()).isEqualTo(200);
            assertThat(fresh.patch("/api/admin/users/" + adminId, admin, null, Map.of("isSystemAdmin", true)).status()).isEqualTo(403);
            assertThat(fresh.patch("/api/admin/users/" + otherId, other, null, Map.of("isSystemAdmin", false)).status()).isEqualTo(409);
            assertThat(fresh.patch("/api/admin/users/" + otherId, other, null, Map.of("isAdmin", false)).status()).isEqualTo(400);
            assertThat(fresh.patch("/api/admin/users/not-a-uuid", other, null, Map.of("isSystemAdmin", false)).status()).isEqualTo(400);
        }
    }
}
