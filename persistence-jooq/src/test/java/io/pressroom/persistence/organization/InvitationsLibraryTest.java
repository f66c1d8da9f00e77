package io.pressroom.persistence.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.domain.organization.InvitationTokens;
import io.pressroom.domain.organization.ManageOrganizations.NewOrganization;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class InvitationsLibraryTest {
    private static final OrgFixture F = new OrgFixture();

    @AfterAll
    static void close() {
        F.close();
    }

    private static void assertConflict(Runnable r, String code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void anInvitationIsAcceptedOnceByItsInviteeOnly() {
        Caller admin = F.user("admin@invite.test");
        Caller eve = F.user("eve@invite.test");
        Caller mallory = F.user("mallory@invite.test");
        UUID org = F.pressroom.organizations().create(admin, new NewOrganization("Inviting", null)).organization().id();

        var issued = F.pressroom.invitations().invite(admin, org, "Eve@Invite.test", Role.ADMIN, null);
        assertThat(issued.token()).startsWith(InvitationTokens.PREFIX).hasSizeGreaterThan(40);
        assertThat(issued.invitation().email()).isEqualTo("eve@invite.test");
        assertThat(issued.invitation().expiresAt()).isAfter(issued.invitation().createdAt().plus(Duration.ofDays(6)));
        // stored hashed: the token itself appears nowhere in the table
        assertThat(F.count("SELECT count(*) FROM organization_invitations WHERE token_hash = ?", InvitationTokens.hash(issued.token()))).isEqualTo(1);
        assertThat(F.count("SELECT count(*) FROM organization_invitations i WHERE i::text LIKE ?", "%" + issued.token() + "%")).isZero();
        assertThat(F.count("SELECT count(*) FROM events WHERE event_data::text LIKE ?", "%" + issued.token() + "%")).isZero();

        assertThatThrownBy(() -> F.pressroom.invitations().accept(eve, "pri_nonsense")).isInstanceOf(DomainException.NotFound.class);
        long events = F.events();
        assertConflict(() -> F.pressroom.invitations().accept(mallory, issued.token()), "invitation.email-mismatch");
        assertThat(F.events()).isEqualTo(events);

        var joined = F.pressroom.invitations().accept(eve, issued.token());
        assertThat(joined.organization().id()).isEqualTo(org);
        assertThat(joined.role()).isEqualTo(Role.ADMIN);
        assertThat(F.value("SELECT role FROM organization_members WHERE organization_id = ? AND user_id = ?", org, eve.userId())).isEqualTo("admin");
        assertThat(F.value("SELECT org_id FROM users WHERE id = ?", eve.userId())).isEqualTo(org);
        assertThat(F.events()).isEqualTo(events + 1);

        assertConflict(() -> F.pressroom.invitations().accept(eve, issued.token()), "invitation.already-accepted");
        assertConflict(() -> F.pressroom.invitations().revoke(admin, org, issued.invitation().id()), "invitation.already-accepted");
        assertThat(F.events()).isEqualTo(events + 1);
    }

    @Test
    void revokedAndExpiredInvitationsCannotBeAccepted() {
        Caller admin = F.user("admin@revoke.test");
        Caller sam = F.user("sam@revoke.test");
        UUID org = F.pressroom.organizations().create(admin, new NewOrganization("Revoking", null)).organization().id();
        var issued = F.pressroom.invitations().invite(admin, org, "sam@revoke.test", Role.MEMBER, null);
        F.pressroom.invitations().revoke(admin, org, issued.invitation().id());
        assertConflict(() -> F.pressroom.invitations().accept(sam, issued.token()), "invitation.revoked");
        assertConflict(() -> F.pressroom.invitations().revoke(admin, org, issued.invitation().id()), "invitation.revoked");

        var shortLived = F.pressroom.invitations().invite(admin, org, "sam@revoke.test", Role.MEMBER, Duration.ofMinutes(1));
        F.db.exec("UPDATE organization_invitations SET expires_at = now() - interval '1 minute' WHERE id = '"
                + shortLived.invitation().id() + "'");
        assertConflict(() -> F.pressroom.invitations().accept(sam, shortLived.token()), "invitation.expired");

        assertThat(F.pressroom.invitations().list(admin, org, PageRequest.first()).items()).hasSize(2);
        assertThatThrownBy(() -> F.pressroom.invitations().invite(admin, org, "not-an-email", Role.MEMBER, null))
                .isInstanceOf(DomainException.Invalid.class);
        assertThatThrownBy(() -> F.pressroom.invitations().invite(admin, org, "admin@revoke.test", Role.MEMBER, null))
                .isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo("member.exists"));
    }

    @Test
    void onlyAdminsInviteAndAnotherOrganizationsInvitationIsNotFound() {
        Caller admin = F.user("admin@wall.test");
        Caller other = F.user("other@wall.test");
        F.user("member@wall.test");
        UUID org = F.pressroom.organizations().create(admin, new NewOrganization("Walled", null)).organization().id();
        UUID otherOrg = F.pressroom.organizations().create(other, new NewOrganization("Other", null)).organization().id();
        Caller member = Caller.user(F.pressroom.members().add(admin, org, "member@wall.test", Role.MEMBER).userId(), false, null, null);
        assertThatThrownBy(() -> F.pressroom.invitations().invite(member, org, "x@wall.test", Role.MEMBER, null))
                .isInstanceOf(DomainException.Forbidden.class);
        var issued = F.pressroom.invitations().invite(admin, org, "x@wall.test", Role.MEMBER, null);
        // the other organization's admin cannot revoke it through their own organization
        assertThatThrownBy(() -> F.pressroom.invitations().revoke(other, otherOrg, issued.invitation().id()))
                .isInstanceOfSatisfying(DomainException.NotFound.class, e -> assertThat(e.code()).isEqualTo("invitation.not-found"));
    }
}
