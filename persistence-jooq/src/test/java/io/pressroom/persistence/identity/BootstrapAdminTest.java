package io.pressroom.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.Pressroom;
import io.pressroom.domain.shared.Caller;
import io.pressroom.migrations.Migrations;
import io.pressroom.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** The first system admin: at start (PRESSROOM_ADMIN_EMAIL/PASSWORD or a generated one) and create-admin. */
class BootstrapAdminTest {
    private static final Caller ANON = Caller.anonymous("127.0.0.1", "test");

    @Test
    void aFreshDatabaseGetsAGeneratedSystemAdminOnceAndItCanLogIn() {
        var db = TestPostgres.newDatabase();
        try (Pressroom p = Pressroom.builder().dataSource(db.dataSource()).build()) {
            var generated = p.users().bootstrap(null, null).orElseThrow();
            assertThat(generated.email()).isEqualTo("admin@pressroom.local");
            assertThat(generated.password()).hasSizeGreaterThanOrEqualTo(20);
            var login = p.accounts().logIn(ANON, generated.email(), generated.password());
            assertThat(login.profile().user().systemAdmin()).isTrue();
            assertThat(p.users().bootstrap(null, null)).isEmpty();
        }
    }

    @Test
    void aConfiguredAdminIsCreatedWhenNoSuchUserExistsAndLeftAloneOtherwise() {
        var db = TestPostgres.newDatabase();
        try (Pressroom p = Pressroom.builder().dataSource(db.dataSource()).build()) {
            assertThat(p.users().bootstrap("Boss@Example.com", "the boss's own password")).isEmpty(); // nothing to print
            var login = p.accounts().logIn(ANON, "boss@example.com", "the boss's own password");
            assertThat(login.profile().user().systemAdmin()).isTrue();
            assertThat(p.users().bootstrap("boss@example.com", "another password entirely")).isEmpty();
            assertThat(p.accounts().logIn(ANON, "boss@example.com", "the boss's own password").token()).isNotBlank();
            // an admin exists: nothing generated
            assertThat(p.users().bootstrap(null, null)).isEmpty();
            // no password configured: one is generated and printed
            var generated = p.users().bootstrap("second@example.com", null).orElseThrow();
            assertThat(p.accounts().logIn(ANON, "second@example.com", generated.password()).profile().user().systemAdmin()).isTrue();
        }
    }

    @Test
    void anAdoptedLegacyDatabaseWithoutASystemAdminGetsOne() {
        var db = TestPostgres.newDatabase();
        var migrations = new Migrations(db.dataSource());
        migrations.migrate(Migrations.LEGACY_VERSION);
        db.exec("INSERT INTO users (email, password_hash, name) VALUES ('admin@pressroom.local', '$2b$10$abcdefghijklmnopqrstuu', 'Not an admin')");
        try (Pressroom p = Pressroom.builder().dataSource(db.dataSource()).build()) {
            var generated = p.users().bootstrap(null, null).orElseThrow();
            assertThat(generated.email()).startsWith("admin-").endsWith("@pressroom.local");
            assertThat(p.accounts().logIn(ANON, generated.email(), generated.password()).profile().user().systemAdmin()).isTrue();
        }
    }

    @Test
    void createAdminMakesANewAdminOrPromotesAnExistingUser() {
        var db = TestPostgres.newDatabase();
        try (Pressroom p = Pressroom.builder().dataSource(db.dataSource()).build()) {
            p.accounts().signUp(ANON, "plain@example.com", "plain user password", "Plain");
            var id = p.users().createAdmin("plain@example.com", null, null);
            assertThat(p.accounts().logIn(ANON, "plain@example.com", "plain user password").profile().user().id()).isEqualTo(id);
            assertThat(p.accounts().logIn(ANON, "plain@example.com", "plain user password").profile().user().systemAdmin()).isTrue();
            p.users().createAdmin("new@example.com", "new admin password", "New");
            assertThat(p.accounts().logIn(ANON, "new@example.com", "new admin password").profile().user().systemAdmin()).isTrue();
        }
    }
}
