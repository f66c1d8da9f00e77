package io.pressroom.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.Pressroom;
import io.pressroom.domain.identity.LoginResult;
import io.pressroom.domain.identity.SignedInMember;
import io.pressroom.domain.organization.ManageOrganizations.NewOrganization;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Role;
import io.pressroom.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V16's {@code pressroom_session_access} through {@code accounts().authenticateIn}: a request's
 * session, user and membership in one statement, refused at once when the session ends.
 */
class SessionAccessTest {
    private static final Caller ANON = Caller.anonymous("198.51.100.4", "test");
    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void oneLookUpAnswersTheUserAndTheirMembershipAndNothingElse() {
        var db = TestPostgres.newDatabase();
        try (Pressroom p = Pressroom.builder().dataSource(db.dataSource()).build()) {
            p.accounts().signUp(ANON, "ann@example.com", PASSWORD, "Ann");
            p.accounts().signUp(ANON, "bob@example.com", PASSWORD, "Bob");
            LoginResult ann = p.accounts().logIn(ANON, "ann@example.com", PASSWORD);
            LoginResult bob = p.accounts().logIn(ANON, "bob@example.com", PASSWORD);
            Caller annCaller = Caller.user(ann.profile().user().id(), false, "198.51.100.4", "test");
            Caller bobCaller = Caller.user(bob.profile().user().id(), false, "198.51.100.4", "test");

            // no organization yet: signed in, nothing selected
            SignedInMember none = p.accounts().authenticateIn(ann.token(), null).orElseThrow();
            assertThat(none.signedIn().user().email()).isEqualTo("ann@example.com");
            assertThat(none.organizationId()).isNull();
            assertThat(none.membership()).isNull();

            UUID annsShop = p.organizations().create(annCaller, new NewOrganization("Ann's shop", null)).organization().id();
            UUID bobsShop = p.organizations().create(bobCaller, new NewOrganization("Bob's shop", null)).organization().id();

            // the primary organization when none is named, the named one otherwise
            SignedInMember primary = p.accounts().authenticateIn(ann.token(), null).orElseThrow();
            assertThat(primary.organizationId()).isEqualTo(annsShop);
            assertThat(primary.membership().role()).isEqualTo(Role.ADMIN);
            assertThat(primary.membership().organizationName()).isEqualTo("Ann's shop");
            assertThat(primary.membership().organizationActive()).isTrue();
            assertThat(primary.signedIn().session().userId()).isEqualTo(ann.profile().user().id());
            assertThat(primary.signedIn().user().primaryOrganizationId()).isEqualTo(annsShop);

            // another user's organization: signed in, no membership
            SignedInMember foreign = p.accounts().authenticateIn(ann.token(), bobsShop).orElseThrow();
            assertThat(foreign.organizationId()).isEqualTo(bobsShop);
            assertThat(foreign.membership()).isNull();
            assertThat(p.accounts().authenticateIn(ann.token(), UUID.randomUUID()).orElseThrow().membership()).isNull();

            // a member, and a deactivated organization (readable, flagged)
            p.members().add(bobCaller, bobsShop, "ann@example.com", Role.MEMBER);
            // (what a system admin's deactivation writes)
            db.exec("UPDATE organizations SET settings = settings || '{\"is_active\": false}' WHERE id = '" + bobsShop + "'");
            SignedInMember member = p.accounts().authenticateIn(ann.token(), bobsShop).orElseThrow();
            assertThat(member.membership().role()).isEqualTo(Role.MEMBER);
            assertThat(member.membership().organizationActive()).isFalse();

            // a deleted organization is nobody's
            db.exec("UPDATE organizations SET deleted_at = now() WHERE id = '" + bobsShop + "'"); // a soft delete
            assertThat(p.accounts().authenticateIn(ann.token(), bobsShop).orElseThrow().membership()).isNull();

            // the same answers as the two-step path
            assertThat(p.accounts().authenticateIn(ann.token(), annsShop).orElseThrow().membership())
                    .isEqualTo(p.accounts().membership(ann.profile().user().id(), annsShop).orElseThrow());

            // unknown and implausible tokens
            assertThat(p.accounts().authenticateIn("no-such-token", annsShop)).isEmpty();
            assertThat(p.accounts().authenticateIn("", null)).isEmpty();

            // logout: the very next look-up refuses the token (nothing cached)
            Caller annSignedIn = Caller.user(ann.profile().user().id(), false, "198.51.100.4", "test");
            p.accounts().logOut(annSignedIn, ann.token());
            assertThat(p.accounts().authenticateIn(ann.token(), annsShop)).isEmpty();
            assertThat(p.accounts().authenticateIn(bob.token(), null)).isPresent();
        }
    }

    @Test
    void anExpiredSessionIsRefused() {
        var db = TestPostgres.newDatabase();
        try (Pressroom p = Pressroom.builder().dataSource(db.dataSource()).build()) {
            p.accounts().signUp(ANON, "cy@example.com", PASSWORD, "Cy");
            LoginResult cy = p.accounts().logIn(ANON, "cy@example.com", PASSWORD);
            assertThat(p.accounts().authenticateIn(cy.token(), null)).isPresent();
            db.exec("UPDATE sessions SET created_at = (now() AT TIME ZONE 'UTC') - interval '2 days', "
                    + "expires_at = (now() AT TIME ZONE 'UTC') - interval '1 second'");
            assertThat(p.accounts().authenticateIn(cy.token(), null)).isEmpty();
        }
    }

    /**
     * A login role that does not inherit pressroom_app's privileges may not run the function
     * itself: the look-up then runs in a unit of work switched to pressroom_app, with the same answers.
     */
    @Test
    void aLoginRoleWithoutInheritedGrantsStillResolvesSessions() throws Exception {
        var db = TestPostgres.newDatabase();
        try (Pressroom p = Pressroom.builder().dataSource(db.dataSource()).build()) {
            p.accounts().signUp(ANON, "dee@example.com", PASSWORD, "Dee");
        }
        String role = "pressroom_login_" + db.name();
        db.exec("DROP ROLE IF EXISTS " + role);
        db.exec("CREATE ROLE " + role + " LOGIN NOINHERIT");
        db.exec("GRANT pressroom_app TO " + role);
        db.exec("GRANT SELECT ON flyway_schema_history TO " + role); // the library reads the schema's state
        PGSimpleDataSource limited = new PGSimpleDataSource();
        limited.setURL(db.jdbcUrl());
        limited.setUser(role);
        try (Connection c = limited.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT has_function_privilege('pressroom_session_access(bytea, timestamp, uuid)', 'EXECUTE')")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isFalse();
        }
        try (Pressroom p = Pressroom.builder().dataSource(limited).migrate(false).sweeper(false).build()) {
            LoginResult dee = p.accounts().logIn(ANON, "dee@example.com", PASSWORD);
            Optional<SignedInMember> first = p.accounts().authenticateIn(dee.token(), null);
            assertThat(first).isPresent();
            assertThat(first.get().signedIn().user().email()).isEqualTo("dee@example.com");
            assertThat(p.accounts().authenticateIn(dee.token(), null)).isPresent();
            assertThat(p.accounts().authenticateIn("no-such-token", null)).isEmpty();
        } finally {
            db.exec("DROP OWNED BY " + role);
            db.exec("DROP ROLE " + role);
        }
    }
}
