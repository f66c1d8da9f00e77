package io.pressroom.web.http.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.migrations.Migrations;
import io.pressroom.testing.TestPostgres;
import io.pressroom.web.WebOptions;
import io.pressroom.web.testing.TestApp;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/** PRESSROOM_MIGRATE_ON_START=false over a database at V1: legacy users log in, sessions live in memory. */
class CompatibilityModeLoginTest {

    @Test
    void aLegacyBcryptUserLogsInAndReadsMeOnALegacyOnlyDatabase() {
        var db = TestPostgres.newDatabase();
        new Migrations(db.dataSource()).migrate(Migrations.LEGACY_VERSION);
        String bcrypt = OpenBSDBCrypt.generate("2b", "legacy password 1".toCharArray(), "0123456789abcdef".getBytes(), 10);
        db.exec("INSERT INTO users (email, password_hash, name, is_admin) VALUES ('Old.Timer@example.com', '" + bcrypt
                + "', 'Old Timer', true)");

        try (TestApp app = TestApp.start(db, b -> b.migrate(false), WebOptions.defaults().withCompatibilityMode(true))) {
            assertThat(app.pressroom().compatibilityMode()).isTrue();
            var wrong = app.post("/api/auth/login", null, null, Map.of("email", "old.timer@example.com", "password", "nope nope"));
            assertThat(wrong.status()).isEqualTo(401);

            var login = app.post("/api/auth/login", null, null,
                    Map.of("email", "old.timer@example.com", "password", "legacy password 1"));
            assertThat(login.status()).as(login.text()).isEqualTo(200);
            String token = login.body().get("token").asText();

            var me = app.get("/api/me", token, null);
            assertThat(me.status()).as(me.text()).isEqualTo(200);
            assertThat(me.body().get("email").asText()).isEqualTo("Old.Timer@example.com");
            assertThat(me.body().get("isSystemAdmin").asBoolean()).isTrue();
            assertThat(me.body().get("organizations").size()).isZero();

            // nothing was written to the legacy schema: the legacy application still reads this hash
            assertThat(new Migrations(db.dataSource()).state()).isEqualTo(Migrations.SchemaState.LEGACY);
            try (var c = db.dataSource().getConnection(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT password_hash FROM users")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(bcrypt);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }

            assertThat(app.post("/api/auth/signup", null, null,
                    Map.of("email", "new@example.com", "password", "long enough password", "name", "N")).status()).isEqualTo(503);
            assertThat(app.post("/api/auth/logout", token, null, null).status()).isEqualTo(204);
            assertThat(app.get("/api/me", token, null).status()).isEqualTo(401);
        }
    }
}
