package io.pressroom.persistence.organization;

import io.pressroom.persistence.Times;
import static io.pressroom.persistence.jooq.generated.Tables.ORGANIZATION_INVITATIONS;

import io.pressroom.domain.organization.Invitation;
import io.pressroom.domain.organization.InvitationRepository;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import io.pressroom.persistence.Keyset;
import io.pressroom.persistence.jooq.generated.Routines;
import io.pressroom.persistence.jooq.generated.tables.records.OrganizationInvitationsRecord;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link InvitationRepository} on jOOQ. The token itself never reaches the database, only its hash. */
public final class JooqInvitationRepository implements InvitationRepository {
    private final DSLContext dsl;

    public JooqInvitationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(Invitation i, String tokenHash) {
        dsl.insertInto(ORGANIZATION_INVITATIONS)
                .set(ORGANIZATION_INVITATIONS.ID, i.id())
                .set(ORGANIZATION_INVITATIONS.ORGANIZATION_ID, i.organizationId())
                .set(ORGANIZATION_INVITATIONS.EMAIL, i.email())
                .set(ORGANIZATION_INVITATIONS.ROLE, i.role().wire())
                .set(ORGANIZATION_INVITATIONS.TOKEN_HASH, tokenHash)
                .set(ORGANIZATION_INVITATIONS.INVITED_BY_USER_ID, i.invitedBy())
                .set(ORGANIZATION_INVITATIONS.CREATED_AT, Times.utc(i.createdAt()))
                .set(ORGANIZATION_INVITATIONS.EXPIRES_AT, Times.utc(i.expiresAt()))
                .execute();
    }

    @Override
    public Optional<Invitation> find(UUID organizationId, UUID invitationId) {
        return dsl.selectFrom(ORGANIZATION_INVITATIONS)
                .where(ORGANIZATION_INVITATIONS.ORGANIZATION_ID.eq(organizationId))
                .and(ORGANIZATION_INVITATIONS.ID.eq(invitationId))
                .fetchOptional(JooqInvitationRepository::toInvitation);
    }

    @Override
    public Optional<Invitation> lockByTokenHash(UUID organizationId, String tokenHash) {
        return dsl.selectFrom(ORGANIZATION_INVITATIONS)
                .where(ORGANIZATION_INVITATIONS.ORGANIZATION_ID.eq(organizationId))
                .and(ORGANIZATION_INVITATIONS.TOKEN_HASH.eq(tokenHash))
                .forUpdate()
                .fetchOptional(JooqInvitationRepository::toInvitation);
    }

    @Override
    public Optional<UUID> organizationOfToken(String tokenHash) {
        return Optional.ofNullable(dsl.select(Routines.pressroomInvitationOrganization(DSL.val(tokenHash))).fetchOne().value1());
    }

    @Override
    public Page<Invitation> list(UUID organizationId, PageRequest page) {
        Keyset.Position after = Keyset.decode(page.cursor());
        Condition c = ORGANIZATION_INVITATIONS.ORGANIZATION_ID.eq(organizationId);
        if (after != null) {
            c = c.and(DSL.row(ORGANIZATION_INVITATIONS.CREATED_AT, ORGANIZATION_INVITATIONS.ID).lt(after.at(), after.id()));
        }
        var rows = dsl.selectFrom(ORGANIZATION_INVITATIONS).where(c)
                .orderBy(ORGANIZATION_INVITATIONS.CREATED_AT.desc(), ORGANIZATION_INVITATIONS.ID.desc())
                .limit(page.limit() + 1)
                .fetch();
        return Keyset.page(rows, page.limit(), JooqInvitationRepository::toInvitation,
                r -> Keyset.encode(r.getCreatedAt(), r.getId()));
    }

    @Override
    public void update(Invitation i) {
        dsl.update(ORGANIZATION_INVITATIONS)
                .set(ORGANIZATION_INVITATIONS.ACCEPTED_AT, Times.utc(i.acceptedAt()))
                .set(ORGANIZATION_INVITATIONS.ACCEPTED_BY_USER_ID, i.acceptedBy())
                .set(ORGANIZATION_INVITATIONS.REVOKED_AT, Times.utc(i.revokedAt()))
                .where(ORGANIZATION_INVITATIONS.ORGANIZATION_ID.eq(i.organizationId()))
                .and(ORGANIZATION_INVITATIONS.ID.eq(i.id()))
                .execute();
    }

    private static Invitation toInvitation(OrganizationInvitationsRecord r) {
        return new Invitation(r.getId(), r.getOrganizationId(), r.getEmail(), Role.parse(r.getRole()), r.getInvitedByUserId(),
                Times.instant(r.getCreatedAt()), Times.instant(r.getExpiresAt()), Times.instant(r.getAcceptedAt()),
                r.getAcceptedByUserId(), Times.instant(r.getRevokedAt()));
    }
}
