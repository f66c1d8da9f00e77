package io.pressroom.web.http.organization;

import io.pressroom.domain.organization.Invitation;
import io.pressroom.domain.organization.IssuedInvitation;
import io.pressroom.domain.organization.Member;
import io.pressroom.domain.organization.Membership;
import io.pressroom.domain.organization.Organization;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.Role;
import io.pressroom.web.http.Problems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the organization routes read and answer. Request records list exactly what a client may
 * write (unknown fields are refused: no id, organizationId, timestamps or another's role can be
 * smuggled in); answers never carry a token hash.
 */
public final class OrganizationDtos {
    private OrganizationDtos() {}

    /** {@code {items, nextCursor}}. */
    public record PageBody<T>(List<T> items, String nextCursor) {
        public static <D, T> PageBody<T> of(Page<D> page, Function<D, T> map) {
            return new PageBody<>(page.items().stream().map(map).toList(), page.nextCursor());
        }
    }

    public record CreateOrganization(String name, String description) {}

    public record UpdateOrganization(String name, String description, Map<String, Object> settings) {}

    /** An organization as its member sees it. */
    public record OrganizationBody(UUID id, String name, String description, Map<String, Object> settings, boolean isActive,
                                   String role, Instant createdAt, Instant updatedAt) {
        public static OrganizationBody from(Membership m) {
            Organization o = m.organization();
            return new OrganizationBody(o.id(), o.name(), o.description(), o.ownSettings(), o.active(), m.role().wire(),
                    o.createdAt(), o.updatedAt());
        }
    }

    public record AddMember(String email, String role) {}

    public record ChangeRole(String role) {}

    public record MemberBody(UUID userId, String email, String name, String role, Instant joinedAt) {
        public static MemberBody from(Member m) {
            return new MemberBody(m.userId(), m.email(), m.name(), m.role().wire(), m.joinedAt());
        }
    }

    public record CreateInvitation(String email, String role, Integer expiresInDays) {}

    public record InvitationBody(UUID id, UUID organizationId, String email, String role, String status, UUID invitedBy,
                                 Instant createdAt, Instant expiresAt, Instant acceptedAt, Instant revokedAt) {
        public static InvitationBody from(Invitation i) {
            return new InvitationBody(i.id(), i.organizationId(), i.email(), i.role().wire(),
                    i.status(Instant.now()).name().toLowerCase(java.util.Locale.ROOT), i.invitedBy(), i.createdAt(), i.expiresAt(),
                    i.acceptedAt(), i.revokedAt());
        }
    }

    /** The answer to an invitation's creation: the only time its token is shown. */
    public record IssuedInvitationBody(UUID id, String token, Instant expiresAt, String email, String role, UUID organizationId) {
        public static IssuedInvitationBody from(IssuedInvitation issued) {
            Invitation i = issued.invitation();
            return new IssuedInvitationBody(i.id(), issued.token(), i.expiresAt(), i.email(), i.role().wire(), i.organizationId());
        }
    }

    /** The admin's view of any organization. */
    public record AdminOrganizationBody(UUID id, String name, String description, boolean isActive, Map<String, Object> settings,
                                        Instant createdAt, Instant updatedAt) {
        public static AdminOrganizationBody from(Organization o) {
            return new AdminOrganizationBody(o.id(), o.name(), o.description(), o.active(), o.ownSettings(), o.createdAt(), o.updatedAt());
        }
    }

    public record SetActive(Boolean isActive) {}

    /** A role from the wire; absent: {@code fallback} (null fallback: required). */
    static Role role(String raw, Role fallback) {
        if (raw == null) {
            if (fallback == null) {
                throw Problems.BadRequest.field("role", "role is required (admin or member)");
            }
            return fallback;
        }
        return Role.parse(raw);
    }
}
