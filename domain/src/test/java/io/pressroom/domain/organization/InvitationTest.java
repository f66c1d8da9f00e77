package io.pressroom.domain.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvitationTest {
    static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    static Invitation pending() {
        return new Invitation(UUID.randomUUID(), UUID.randomUUID(), " Eve@Example.COM ", Role.MEMBER, UUID.randomUUID(),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)), null, null, null);
    }

    static void conflict(Runnable r, String code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void emailIsNormalisedAndChecked() {
        assertThat(pending().email()).isEqualTo("eve@example.com");
        for (String bad : new String[] {"", " ", "no-at", "@x.com", "a@", "a@b@c", "a b@c.d"}) {
            assertThatThrownBy(() -> Invitation.normalizeEmail(bad)).as(bad).isInstanceOf(DomainException.Invalid.class);
        }
    }

    @Test
    void acceptedOnceByTheInviteeOnly() {
        Invitation i = pending();
        UUID eve = UUID.randomUUID();
        conflict(() -> i.accept(eve, "mallory@example.com", NOW), "invitation.email-mismatch");
        Invitation accepted = i.accept(eve, "EVE@example.com", NOW);
        assertThat(accepted.status(NOW)).isEqualTo(Invitation.Status.ACCEPTED);
        assertThat(accepted.acceptedBy()).isEqualTo(eve);
        conflict(() -> accepted.accept(eve, "eve@example.com", NOW), "invitation.already-accepted");
        conflict(() -> accepted.revoke(NOW), "invitation.already-accepted");
    }

    @Test
    void expiredAndRevokedCannotBeAccepted() {
        Invitation i = pending();
        conflict(() -> i.accept(UUID.randomUUID(), "eve@example.com", i.expiresAt()), "invitation.expired");
        Invitation revoked = i.revoke(NOW);
        assertThat(revoked.status(NOW)).isEqualTo(Invitation.Status.REVOKED);
        conflict(() -> revoked.accept(UUID.randomUUID(), "eve@example.com", NOW), "invitation.revoked");
        conflict(() -> revoked.revoke(NOW), "invitation.revoked");
    }

    @Test
    void tokensAreRandomAndStoredAsTheirHash() {
        String a = InvitationTokens.generate();
        String b = InvitationTokens.generate();
        assertThat(a).isNotEqualTo(b).startsWith("pri_").hasSize(4 + 43);
        assertThat(InvitationTokens.hash(a)).matches("[0-9a-f]{64}").isEqualTo(InvitationTokens.hash(a)).isNotEqualTo(InvitationTokens.hash(b));
    }

    @Test
    void organizationSettingsKeepTheActivationSwitchApart() {
        Organization o = Organization.create(UUID.randomUUID(), " Shop ", null, NOW);
        assertThat(o.name()).isEqualTo("Shop");
        assertThat(o.active()).isTrue();
        assertThat(o.ownSettings()).isEmpty();
        Organization changed = o.withDetails(null, "d", Map.of("theme", "dark"), NOW);
        assertThat(changed.ownSettings()).containsExactly(Map.entry("theme", "dark"));
        assertThat(changed.active()).isTrue();
        assertThatThrownBy(() -> o.withDetails(null, null, Map.of("is_active", false), NOW)).isInstanceOf(DomainException.Invalid.class);
        assertThat(o.withActive(false, NOW).active()).isFalse();
        assertThatThrownBy(() -> Organization.create(UUID.randomUUID(), "  ", null, NOW)).isInstanceOf(DomainException.Invalid.class);
        assertThatThrownBy(() -> Organization.create(UUID.randomUUID(), "x".repeat(201), null, NOW)).isInstanceOf(DomainException.Invalid.class);
    }
}
