package io.pressroom.web.http.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pressroom.domain.identity.SecretTokens;
import io.pressroom.web.testing.TestApp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentityHttpTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Map<String, Object> credentials(String email, String password) {
        return Map.of("email", email, "password", password);
    }

    @Test
    void signupLoginMeLogout() {
        String email = TestApp.email("ann");
        var signup = app.post("/api/auth/signup", null, null,
                Map.of("email", email.toUpperCase(), "password", TestApp.PASSWORD, "name", "  Ann  "));
        assertThat(signup.status()).as(signup.text()).isEqualTo(201);
        assertThat(signup.body().get("email").asText()).isEqualTo(email);
        assertThat(signup.body().get("name").asText()).isEqualTo("Ann");
        assertThat(signup.body().get("isSystemAdmin").asBoolean()).isFalse();
        assertThat(signup.body().get("primaryOrganizationId").isNull()).isTrue();
        assertThat(signup.body().get("organizations").size()).isZero();

        var login = app.post("/api/auth/login", null, null, credentials(email, TestApp.PASSWORD));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        String token = login.body().get("token").asText();
        assertThat(token).matches("^[A-Za-z0-9_-]{43}$");
        assertThat(login.body().get("expiresAt").asText()).endsWith("Z");
        assertThat(login.body().get("user").get("id").asText()).isEqualTo(signup.body().get("id").asText());

        var me = app.get("/api/me", token, null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("email").asText()).isEqualTo(email);
        assertThat(fieldNames(me.body())).containsExactlyInAnyOrder(
                "id", "email", "name", "isSystemAdmin", "primaryOrganizationId", "organizations");

        assertThat(app.post("/api/auth/logout", token, null, null).status()).isEqualTo(204);
        var after = app.get("/api/me", token, null);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.body().get("code").asText()).isEqualTo("auth.invalid-token");
        assertThat(app.get("/api/me", null, null).status()).isEqualTo(401);
    }

    @Test
    void signupValidatesAndRefusesADuplicateEmail() {
        var bad = app.post("/api/auth/signup", null, null, Map.of("email", "not-an-email", "password", "short", "name", ""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").has("email")).isTrue();
        var shortPw = app.post("/api/auth/signup", null, null, Map.of("email", TestApp.email("x"), "password", "short", "name", "X"));
        assertThat(shortPw.status()).isEqualTo(400);
        assertThat(shortPw.body().get("errors").has("password")).isTrue();
        var massAssign = app.post("/api/auth/signup", null, null,
                Map.of("email", TestApp.email("x"), "password", TestApp.PASSWORD, "name", "X", "isAdmin", true));
        assertThat(massAssign.status()).isEqualTo(400);

        String email = TestApp.email("dup");
        app.signUp(email);
        var dup = app.post("/api/auth/signup", null, null, Map.of("email", email, "password", TestApp.PASSWORD, "name", "Again"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.body().get("code").asText()).isEqualTo("user.email-taken");
    }

    @Test
    void unknownEmailAndWrongPasswordAnswerTheSame401() {
        String email = TestApp.email("bob");
        app.signUp(email);
        var wrong = app.post("/api/auth/login", null, null, credentials(email, "not the password at all"));
        var unknown = app.post("/api/auth/login", null, null, credentials(TestApp.email("nobody"), "not the password at all"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        var w = (com.fasterxml.jackson.databind.node.ObjectNode) wrong.body().deepCopy();
        var u = (com.fasterxml.jackson.databind.node.ObjectNode) unknown.body().deepCopy();
        w.remove("instance");
        u.remove("instance");
        assertThat(w).isEqualTo(u);
        assertThat(w.get("code").asText()).isEqualTo("auth.invalid-credentials");
    }

    @Test
    void fiveFailuresThrottleTheAccountButNotAnotherAccountFromTheSameAddress() {
        String victim = TestApp.email("victim");
        String colleague = TestApp.email("colleague");
        app.signUp(victim);
        app.signUp(colleague);
        for (int i = 0; i < 5; i++) {
            assertThat(app.post("/api/auth/login", null, null, credentials(victim, "wrong password " + i)).status()).isEqualTo(401);
        }
        var throttled = app.post("/api/auth/login", null, null, credentials(victim, TestApp.PASSWORD));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body().get("code").asText()).isEqualTo("auth.throttled");
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        // same address, another account: still fine
        assertThat(app.post("/api/auth/login", null, null, credentials(colleague, TestApp.PASSWORD)).status()).isEqualTo(200);
        // unknown accounts are throttled alike (no way to tell them apart by throttling)
        String ghost = TestApp.email("ghost");
        for (int i = 0; i < 5; i++) {
            app.post("/api/auth/login", null, null, credentials(ghost, "wrong password " + i));
        }
        assertThat(app.post("/api/auth/login", null, null, credentials(ghost, "whatever else")).status()).isEqualTo(429);
    }

    @Test
    void legacyBcryptUserLogsInAndIsRehashedToArgon2id() throws SQLException {
        String email = TestApp.email("legacy");
        String bcrypt = OpenBSDBCrypt.generate("2b", "legacy password 1".toCharArray(), "0123456789abcdef".getBytes(), 10);
        app.db().exec("INSERT INTO users (email, password_hash, name) VALUES ('" + email + "', '" + bcrypt + "', 'Legacy')");
        assertThat(app.post("/api/auth/login", null, null, credentials(email, "wrong")).status()).isEqualTo(401);
        assertThat(storedHash(email)).isEqualTo(bcrypt);
        var login = app.post("/api/auth/login", null, null, credentials(email, "legacy password 1"));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        assertThat(storedHash(email)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(app.post("/api/auth/login", null, null, credentials(email, "legacy password 1")).status()).isEqualTo(200);
    }

    @Test
    void tokensAreStoredOnlyAsHashes() throws SQLException {
        String token = app.signUp(TestApp.email("hash"));
        try (Connection c = app.db().dataSource().getConnection()) {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM sessions s WHERE s::text LIKE ?")) {
                st.setString(1, "%" + token + "%");
                assertThat(count(st)).isZero();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT count(*) FROM sessions WHERE token_hash = decode(?, 'hex') AND revoked_at IS NULL")) {
                st.setString(1, HexFormat.of().formatHex(SecretTokens.hash(token)));
                assertThat(count(st)).isEqualTo(1);
            }
        }
    }

    @Test
    void noAnswerCarriesAPasswordFieldOrAHash() {
        String email = TestApp.email("secret");
        List<JsonNode> answers = new ArrayList<>();
        var signup = app.post("/api/auth/signup", null, null, Map.of("email", email, "password", TestApp.PASSWORD, "name", "S"));
        answers.add(signup.body());
        var login = app.post("/api/auth/login", null, null, credentials(email, TestApp.PASSWORD));
        answers.add(login.body());
        String token = login.body().get("token").asText();
        answers.add(app.get("/api/me", token, null).body());
        answers.add(app.post("/api/auth/login", null, null, credentials(email, "wrong one!")).body());
        String admin = app.systemAdminToken();
        answers.add(app.get("/api/admin/users?limit=500", admin, null).body());
        answers.add(app.get("/api/admin/users/" + signup.body().get("id").asText(), admin, null).body());
        for (JsonNode a : answers) {
            assertThat(a.isMissingNode()).isFalse();
            assertThat(allFieldNames(a)).noneMatch(n -> n.toLowerCase().contains("password") || n.toLowerCase().contains("hash"));
            assertThat(a.toString()).doesNotContain("$argon2").doesNotContain("$2a$").doesNotContain("$2b$");
        }
    }

    @Test
    void cookieSessionsNeedTheCsrfHeaderToChangeAnything() {
        String email = TestApp.email("cookie");
        app.signUp(email);
        var login = app.post("/api/auth/login", null, null, credentials(email, TestApp.PASSWORD));
        String setCookie = login.header("Set-Cookie");
        assertThat(setCookie).startsWith("pressroom_session=" + login.body().get("token").asText() + ";")
                .contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        String cookie = "pressroom_session=" + login.body().get("token").asText();

        assertThat(app.request("GET", "/api/me", Map.of("Cookie", cookie), null).status()).isEqualTo(200);
        var refused = app.request("POST", "/api/auth/logout", Map.of("Cookie", cookie), null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("code").asText()).isEqualTo("csrf.header-required");
        assertThat(app.request("GET", "/api/me", Map.of("Cookie", cookie), null).status()).isEqualTo(200);
        var out = app.request("POST", "/api/auth/logout", Map.of("Cookie", cookie, "X-Requested-With", "pressroom"), null);
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).startsWith("pressroom_session=;").contains("Max-Age=0");
        assertThat(app.request("GET", "/api/me", Map.of("Cookie", cookie), null).status()).isEqualTo(401);
    }

    @Test
    void aCrossSiteFormCannotLogSomeoneIn() {
        String email = TestApp.email("formvictim");
        app.signUp(email);
        String json = "{\"email\":\"" + email + "\",\"password\":\"" + TestApp.PASSWORD + "\"}";
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            var r = app.request("POST", "/api/auth/login", Map.of("Content-Type", type), json);
            assertThat(r.status()).as(type).isEqualTo(415);
            assertThat(r.header("Set-Cookie")).isNull();
        }
        assertThat(app.request("POST", "/api/auth/login", Map.of("Content-Type", "application/json"), json).status()).isEqualTo(200);
    }

    @Test
    void secureCookieBehindATrustedHttpsProxyOnly() {
        try (TestApp proxied = TestApp.start(b -> {}, new io.pressroom.web.WebOptions(1_000_000, 1_000_000, List.of("127.0.0.1")))) {
            String email = TestApp.email("proxied");
            proxied.signUp(email);
            var login = proxied.request("POST", "/api/auth/login",
                    Map.of("Content-Type", "application/json", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9"),
                    Map.of("email", email, "password", TestApp.PASSWORD));
            assertThat(login.header("Set-Cookie")).contains("Secure");
            assertThat(proxied.db()).isNotNull();
            assertThat(lastLoginIp(proxied, email)).isEqualTo("203.0.113.9");
        }
        // not trusted: X-Forwarded-* ignored
        String email = TestApp.email("direct");
        app.signUp(email);
        var login = app.request("POST", "/api/auth/login",
                Map.of("Content-Type", "application/json", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9"),
                Map.of("email", email, "password", TestApp.PASSWORD));
        assertThat(login.header("Set-Cookie")).doesNotContain("Secure");
        assertThat(lastLoginIp(app, email)).isEqualTo("127.0.0.1");
    }

    private static String lastLoginIp(TestApp app, String email) {
        try (Connection c = app.db().dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT e.ip_address FROM events e JOIN users u ON u.id = e.entity_id "
                     + "WHERE u.email = ? AND e.event_type = 'user.logged_in' ORDER BY e.created_at DESC LIMIT 1")) {
            st.setString(1, email);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signupLoginAndLogoutAreAuditedWithoutOrganizationOrSecrets() throws SQLException {
        String email = TestApp.email("audited");
        String token = app.signUp(email);
        app.post("/api/auth/logout", token, null, null);
        try (Connection c = app.db().dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT e.event_type, e.organization_id, e.event_data::text FROM events e "
                     + "JOIN users u ON u.id = e.entity_id WHERE u.email = ? ORDER BY e.created_at")) {
            st.setString(1, email);
            List<String> types = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                    assertThat(rs.getString(2)).isNull();
                    assertThat(rs.getString(3)).doesNotContain(TestApp.PASSWORD).doesNotContain(token).doesNotContain("$argon2");
                }
            }
            assertThat(types).containsExactly("user.signed_up", "user.logged_in", "user.logged_out");
        }
    }

    private static String storedHash(String email) throws SQLException {
        try (Connection c = app.db().dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
            st.setString(1, email);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static long count(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> allFieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                names.add(e.getKey());
                names.addAll(allFieldNames(e.getValue()));
            }
        } else if (node.isArray()) {
            node.forEach(n -> names.addAll(allFieldNames(n)));
        }
        return names;
    }
}
