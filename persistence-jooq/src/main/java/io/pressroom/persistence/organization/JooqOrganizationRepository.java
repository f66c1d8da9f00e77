package io.pressroom.persistence.organization;

import io.pressroom.persistence.Times;
import static io.pressroom.persistence.jooq.generated.Tables.ORGANIZATIONS;
import static io.pressroom.persistence.jooq.generated.Tables.ORGANIZATION_MEMBERS;
import static io.pressroom.persistence.jooq.generated.Tables.USERS;

import io.pressroom.domain.organization.Member;
import io.pressroom.domain.organization.Membership;
import io.pressroom.domain.organization.Organization;
import io.pressroom.domain.organization.OrganizationRepository;
import io.pressroom.domain.organization.UserRef;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import io.pressroom.persistence.JsonValues;
import io.pressroom.persistence.Keyset;
import io.pressroom.persistence.jooq.generated.tables.records.OrganizationsRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link OrganizationRepository} on jOOQ; every statement names its organization. */
public final class JooqOrganizationRepository implements OrganizationRepository {
    private final DSLContext dsl;

    public JooqOrganizationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    private static final Condition NOT_DELETED = ORGANIZATIONS.DELETED_AT.isNull();

    @Override
    public void insert(Organization o) {
        dsl.insertInto(ORGANIZATIONS)
                .set(ORGANIZATIONS.ID, o.id())
                .set(ORGANIZATIONS.NAME, o.name())
                .set(ORGANIZATIONS.DESCRIPTION, o.description())
                .set(ORGANIZATIONS.SETTINGS, JsonValues.toJsonb(o.settings()))
                .set(ORGANIZATIONS.CREATED_AT, Times.utc(o.createdAt()))
                .set(ORGANIZATIONS.UPDATED_AT, Times.utc(o.updatedAt()))
                .execute();
    }

    @Override
    public Optional<Organization> find(UUID organizationId) {
        return dsl.selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(organizationId)).and(NOT_DELETED)
                .fetchOptional(JooqOrganizationRepository::toOrganization);
    }

    @Override
    public Optional<Organization> lock(UUID organizationId) {
        return dsl.selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(organizationId)).and(NOT_DELETED)
                .forUpdate()
                .fetchOptional(JooqOrganizationRepository::toOrganization);
    }

    @Override
    public void update(Organization o) {
        dsl.update(ORGANIZATIONS)
                .set(ORGANIZATIONS.NAME, o.name())
                .set(ORGANIZATIONS.DESCRIPTION, o.description())
                .set(ORGANIZATIONS.SETTINGS, JsonValues.toJsonb(o.settings()))
                .set(ORGANIZATIONS.UPDATED_AT, Times.utc(o.updatedAt()))
                .where(ORGANIZATIONS.ID.eq(o.id())).and(NOT_DELETED)
                .execute();
    }

    @Override
    public void softDelete(UUID organizationId, Instant at) {
        dsl.update(ORGANIZATIONS)
                .set(ORGANIZATIONS.DELETED_AT, Times.utc(at))
                .set(ORGANIZATIONS.UPDATED_AT, Times.utc(at))
                .where(ORGANIZATIONS.ID.eq(organizationId)).and(NOT_DELETED)
                .execute();
    }

    @Override
    public Page<Membership> listForUser(UUID userId, PageRequest page) {
        Keyset.Position after = Keyset.decode(page.cursor());
        Condition c = ORGANIZATION_MEMBERS.USER_ID.eq(userId).and(NOT_DELETED);
        if (after != null) {
            c = c.and(DSL.row(ORGANIZATION_MEMBERS.JOINED_AT, ORGANIZATIONS.ID).gt(after.at(), after.id()));
        }
        var rows = dsl.select(ORGANIZATIONS.fields()).select(ORGANIZATION_MEMBERS.ROLE, ORGANIZATION_MEMBERS.JOINED_AT)
                .from(ORGANIZATION_MEMBERS).join(ORGANIZATIONS).on(ORGANIZATIONS.ID.eq(ORGANIZATION_MEMBERS.ORGANIZATION_ID))
                .where(c)
                .orderBy(ORGANIZATION_MEMBERS.JOINED_AT, ORGANIZATIONS.ID)
                .limit(page.limit() + 1)
                .fetch();
        return Keyset.page(rows, page.limit(),
                r -> new Membership(toOrganization(r.into(ORGANIZATIONS)), Role.parse(r.get(ORGANIZATION_MEMBERS.ROLE))),
                r -> Keyset.encode(r.get(ORGANIZATION_MEMBERS.JOINED_AT), r.get(ORGANIZATIONS.ID)));
    }

    @Override
    public Page<Organization> listAll(PageRequest page) {
        Keyset.Position after = Keyset.decode(page.cursor());
        Condition c = NOT_DELETED;
        if (after != null) {
            c = c.and(DSL.row(ORGANIZATIONS.CREATED_AT, ORGANIZATIONS.ID).gt(after.at(), after.id()));
        }
        var rows = dsl.selectFrom(ORGANIZATIONS).where(c)
                .orderBy(ORGANIZATIONS.CREATED_AT, ORGANIZATIONS.ID)
                .limit(page.limit() + 1)
                .fetch();
        return Keyset.page(rows, page.limit(), JooqOrganizationRepository::toOrganization,
                r -> Keyset.encode(r.getCreatedAt(), r.getId()));
    }

    @Override
    public Optional<Role> roleOf(UUID organizationId, UUID userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return dsl.select(ORGANIZATION_MEMBERS.ROLE).from(ORGANIZATION_MEMBERS)
                .where(ORGANIZATION_MEMBERS.ORGANIZATION_ID.eq(organizationId))
                .and(ORGANIZATION_MEMBERS.USER_ID.eq(userId))
                .fetchOptional(r -> Role.parse(r.value1()));
    }

    @Override
    public Page<Member> members(UUID organizationId, PageRequest page) {
        Keyset.Position after = Keyset.decode(page.cursor());
        Condition c = ORGANIZATION_MEMBERS.ORGANIZATION_ID.eq(organizationId);
        if (after != null) {
            c = c.and(DSL.row(ORGANIZATION_MEMBERS.JOINED_AT, ORGANIZATION_MEMBERS.USER_ID).gt(after.at(), after.id()));
        }
        var rows = memberQuery().where(c)
                .orderBy(ORGANIZATION_MEMBERS.JOINED_AT, ORGANIZATION_MEMBERS.USER_ID)
                .limit(page.limit() + 1)
                .fetch();
        return Keyset.page(rows, page.limit(), JooqOrganizationRepository::toMember,
                r -> Keyset.encode(r.get(ORGANIZATION_MEMBERS.JOINED_AT), r.get(ORGANIZATION_MEMBERS.USER_ID)));
    }

    @Override
    public Optional<Member> member(UUID organizationId, UUID userId) {
        return memberQuery()
                .where(ORGANIZATION_MEMBERS.ORGANIZATION_ID.eq(organizationId))
                .and(ORGANIZATION_MEMBERS.USER_ID.eq(userId))
                .fetchOptional(JooqOrganizationRepository::toMember);
    }

    private org.jooq.SelectOnConditionStep<org.jooq.Record6<UUID, UUID, String, java.time.LocalDateTime, String, String>> memberQuery() {
        return dsl.select(ORGANIZATION_MEMBERS.ORGANIZATION_ID, ORGANIZATION_MEMBERS.USER_ID, ORGANIZATION_MEMBERS.ROLE,
                        ORGANIZATION_MEMBERS.JOINED_AT, USERS.EMAIL, USERS.NAME)
                .from(ORGANIZATION_MEMBERS).join(USERS).on(USERS.ID.eq(ORGANIZATION_MEMBERS.USER_ID));
    }

    @Override
    public void addMember(UUID organizationId, UUID userId, Role role, Instant joinedAt) {
        dsl.insertInto(ORGANIZATION_MEMBERS)
                .set(ORGANIZATION_MEMBERS.ORGANIZATION_ID, organizationId)
                .set(ORGANIZATION_MEMBERS.USER_ID, userId)
                .set(ORGANIZATION_MEMBERS.ROLE, role.wire())
                .set(ORGANIZATION_MEMBERS.JOINED_AT, Times.utc(joinedAt))
                .execute();
    }

    @Override
    public void changeRole(UUID organizationId, UUID userId, Role role) {
        dsl.update(ORGANIZATION_MEMBERS).set(ORGANIZATION_MEMBERS.ROLE, role.wire())
                .where(ORGANIZATION_MEMBERS.ORGANIZATION_ID.eq(organizationId))
                .and(ORGANIZATION_MEMBERS.USER_ID.eq(userId))
                .execute();
    }

    @Override
    public void removeMember(UUID organizationId, UUID userId) {
        dsl.deleteFrom(ORGANIZATION_MEMBERS)
                .where(ORGANIZATION_MEMBERS.ORGANIZATION_ID.eq(organizationId))
                .and(ORGANIZATION_MEMBERS.USER_ID.eq(userId))
                .execute();
    }

    @Override
    public long countAdmins(UUID organizationId) {
        return dsl.fetchCount(ORGANIZATION_MEMBERS, ORGANIZATION_MEMBERS.ORGANIZATION_ID.eq(organizationId)
                .and(ORGANIZATION_MEMBERS.ROLE.eq(Role.ADMIN.wire())));
    }

    @Override
    public Optional<UserRef> findUserByEmail(String email) {
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.IS_ADMIN).from(USERS)
                .where(DSL.lower(USERS.EMAIL).eq(email.toLowerCase(java.util.Locale.ROOT)))
                .orderBy(USERS.CREATED_AT)
                .limit(1)
                .fetchOptional(r -> new UserRef(r.value1(), r.value2(), r.value3(), Boolean.TRUE.equals(r.value4())));
    }

    @Override
    public Optional<UserRef> findUser(UUID userId) {
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.IS_ADMIN).from(USERS)
                .where(USERS.ID.eq(userId))
                .fetchOptional(r -> new UserRef(r.value1(), r.value2(), r.value3(), Boolean.TRUE.equals(r.value4())));
    }

    @Override
    public void adoptAsPrimaryIfNone(UUID userId, UUID organizationId) {
        dsl.update(USERS).set(USERS.ORG_ID, organizationId)
                .where(USERS.ID.eq(userId)).and(USERS.ORG_ID.isNull())
                .execute();
    }

    @Override
    public void replacePrimary(UUID userId, UUID organizationId) {
        var m = ORGANIZATION_MEMBERS.as("m");
        var o = ORGANIZATIONS.as("o");
        dsl.update(USERS)
                .set(USERS.ORG_ID, DSL.field(DSL.select(m.ORGANIZATION_ID).from(m)
                        .join(o).on(o.ID.eq(m.ORGANIZATION_ID)).and(o.DELETED_AT.isNull())
                        .where(m.USER_ID.eq(userId)).and(m.ORGANIZATION_ID.ne(organizationId))
                        .orderBy(m.JOINED_AT, m.ORGANIZATION_ID)
                        .limit(1)))
                .where(USERS.ID.eq(userId)).and(USERS.ORG_ID.eq(organizationId))
                .execute();
    }

    @Override
    public void clearPrimary(UUID organizationId) {
        dsl.update(USERS).setNull(USERS.ORG_ID).where(USERS.ORG_ID.eq(organizationId)).execute();
    }

    private static Organization toOrganization(OrganizationsRecord r) {
        return new Organization(r.getId(), r.getName(), r.getDescription(), JsonValues.readObject(r.getSettings()),
                Times.instant(r.getCreatedAt()), Times.instant(r.getUpdatedAt()), Times.instant(r.getDeletedAt()));
    }

    private static Member toMember(Record r) {
        return new Member(r.get(ORGANIZATION_MEMBERS.ORGANIZATION_ID), r.get(ORGANIZATION_MEMBERS.USER_ID), r.get(USERS.EMAIL),
                r.get(USERS.NAME), Role.parse(r.get(ORGANIZATION_MEMBERS.ROLE)), Times.instant(r.get(ORGANIZATION_MEMBERS.JOINED_AT)));
    }
}
