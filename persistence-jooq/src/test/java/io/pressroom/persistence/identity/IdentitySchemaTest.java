package io.pressroom.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.Pressroom;
import io.pressroom.domain.shared.Caller;
import io.pressroom.migrations.Migrations;
import io.pressroom.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The V5 walls: what the runtime role can and cannot see of accounts and sessions. */
class IdentitySchemaTest {

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theRuntimeRoleSeesNoSessionsNoResetTokensNoFailuresAndNoPasswordHashes() throws SQLException {
        var db = TestPostgres.newDatabase();
        try (Pressroom p = Pressroom.builder().dataSource(db.dataSource()).build()) {
            var anon = Caller.anonymous("127.0.0.1", "test");
            p.accounts().signUp(anon, "ann@example.com", "correct horse battery staple", "Ann");
            p.accounts().logIn(anon, "ann@example.com", "correct horse battery staple");
            assertThatThrownBy(() -> p.accounts().logIn(anon, "ann@example.com", "wrong password"))
                    .hasMessageContaining("wrong");
            p.users().bootstrap(null, null);
        }
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(count(c, "SELECT count(*) FROM sessions")).isEqualTo(1);
            // one failed login, and the signup counted against its address (the signup limit)
            assertThat(count(c, "SELECT count(*) FROM login_failures WHERE account = 'ann@example.com'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM login_failures WHERE account = 'SIGNUP 127.0.0.1' AND ip_address IS NULL")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM login_failures")).isEqualTo(2);
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL ROLE pressroom_app");
            }
            assertThat(count(c, "SELECT count(*) FROM sessions")).isZero();
            assertThat(count(c, "SELECT count(*) FROM password_reset_tokens")).isZero();
            assertThat(count(c, "SELECT count(*) FROM users")).isEqualTo(2); // accounts are not tenant data
            assertThatThrownBy(() -> count(c, "SELECT count(password_hash) FROM users")).hasMessageContaining("permission denied");
            c.rollback();
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL ROLE pressroom_app");
            }
            assertThatThrownBy(() -> count(c, "SELECT count(*) FROM login_failures")).hasMessageContaining("permission denied");
            c.rollback();
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL ROLE pressroom_app");
            }
            assertThat(count(c, "SELECT count(*) FROM pressroom_login_credentials('ann@example.com')")).isEqualTo(1);
            c.rollback();
        }
    }

    @Test
    void rowSecurityIsForcedOnSessionsAndResetTokensAndRollbackThenMigrateWorks() throws SQLException {
        var db = TestPostgres.newDatabase();
        var migrations = new Migrations(db.dataSource());
        migrations.migrate();
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(count(c, "SELECT count(*) FROM pg_class WHERE relname IN ('sessions', 'password_reset_tokens') "
                    + "AND relrowsecurity AND relforcerowsecurity")).isEqualTo(2);
        }
        migrations.rollback();
        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.LEGACY);
        migrations.migrate();
        assertThat(migrations.state()).isEqualTo(Migrations.SchemaState.CURRENT);
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(count(c, "SELECT count(*) FROM information_schema.column_privileges WHERE grantee = 'pressroom_app' "
                    + "AND table_name = 'users' AND column_name = 'password_hash' AND privilege_type = 'SELECT'")).isZero();
        }
    }
}
