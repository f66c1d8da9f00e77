package io.pressroom.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.Pressroom;
import io.pressroom.domain.shared.Caller;
import io.pressroom.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A stored argon2id hash of weaker parameters than the current ones is replaced at the next successful login. */
class PasswordUpgradeTest {
    private static final Caller ANON = Caller.anonymous("127.0.0.1", "test");

    private static String storedHash(TestPostgres.Db db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT password_hash FROM users WHERE email = 'ann@example.com'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aLoginRehashesWhenTheParametersRise() throws SQLException {
        var db = TestPostgres.newDatabase();
        var weak = new BouncyCastlePasswordHasher(new BouncyCastlePasswordHasher.Params(8192, 1, 1));
        try (Pressroom before = Pressroom.builder().dataSource(db.dataSource()).passwordHasher(weak).build()) {
            before.accounts().signUp(ANON, "ann@example.com", "correct horse battery", "Ann");
        }
        assertThat(storedHash(db)).startsWith("$argon2id$v=19$m=8192,t=1,p=1$");
        try (Pressroom after = Pressroom.builder().dataSource(db.dataSource()).build()) {
            after.accounts().logIn(ANON, "ann@example.com", "correct horse battery");
            assertThat(storedHash(db)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
            String upgraded = storedHash(db);
            after.accounts().logIn(ANON, "ann@example.com", "correct horse battery");
            assertThat(storedHash(db)).isEqualTo(upgraded); // current parameters: left alone
        }
    }
}
