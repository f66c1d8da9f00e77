package io.pressroom.persistence.identity;

import io.pressroom.persistence.Times;
import static io.pressroom.persistence.jooq.generated.Tables.ORGANIZATIONS;
import static io.pressroom.persistence.jooq.generated.Tables.ORGANIZATION_MEMBERS;
import static io.pressroom.persistence.jooq.generated.Tables.PRESSROOM_LOGIN_CREDENTIALS;
import static io.pressroom.persistence.jooq.generated.Tables.USERS;

import io.pressroom.domain.identity.Credentials;
import io.pressroom.domain.identity.Membership;
import io.pressroom.domain.identity.User;
import io.pressroom.domain.identity.UserRepository;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import io.pressroom.persistence.jooq.generated.Routines;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Accounts in {@code users}. The runtime role cannot read {@code users.password_hash} (V5): the
 * hash comes through {@code pressroom_login_credentials} / {@code pressroom_own_password_hash}.
 * With {@code legacySchema} (compatibility mode: the database is at V1) it reads the legacy
 * columns only, directly as the login role, and nobody belongs to any organization.
 */
public final class JooqUserRepository implements UserRepository {
    private static final Field<String> EMAIL_LOWER = DSL.lower(USERS.EMAIL);

    private final DSLContext dsl;
    private final boolean legacySchema;

    public JooqUserRepository(DSLContext dsl) {
        this(dsl, false);
    }

    public JooqUserRepository(DSLContext dsl, boolean legacySchema) {
        this.dsl = dsl;
        this.legacySchema = legacySchema;
    }

    private List<SelectField<?>> userFields() {
        List<SelectField<?>> fields = new ArrayList<>(List.of(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.IS_ADMIN, USERS.CREATED_AT));
        if (!legacySchema) {
            fields.add(USERS.ORG_ID);
        }
        return fields;
    }

    private User toUser(Record r) {
        return new User(r.get(USERS.ID), r.get(USERS.EMAIL), r.get(USERS.NAME), Boolean.TRUE.equals(r.get(USERS.IS_ADMIN)),
                legacySchema ? null : r.get(USERS.ORG_ID), Times.instant(r.get(USERS.CREATED_AT)));
    }

    @Override
    public Optional<Credentials> credentialsByEmail(String email) {
        if (legacySchema) {
            return dsl.select(USERS.ID, USERS.PASSWORD_HASH).from(USERS)
                    .where(EMAIL_LOWER.eq(DSL.lower(DSL.val(email))))
                    .orderBy(DSL.when(USERS.EMAIL.eq(email), 0).otherwise(1), USERS.CREATED_AT)
                    .limit(1)
                    .fetchOptional(r -> new Credentials(r.value1(), r.value2()));
        }
        var f = PRESSROOM_LOGIN_CREDENTIALS.call(email);
        return dsl.selectFrom(f).fetchOptional(r -> new Credentials(r.getUserId(), r.getPasswordHash()));
    }

    @Override
    public Optional<String> ownPasswordHash(UUID userId) {
        if (legacySchema) {
            return dsl.select(USERS.PASSWORD_HASH).from(USERS).where(USERS.ID.eq(userId)).fetchOptional(r -> r.value1());
        }
        return Optional.ofNullable(dsl.select(Routines.pressroomOwnPasswordHash()).fetchOne(0, String.class));
    }

    @Override
    public boolean emailTaken(String email) {
        return dsl.fetchExists(dsl.selectOne().from(USERS).where(EMAIL_LOWER.eq(DSL.lower(DSL.val(email)))));
    }

    @Override
    public UUID create(String email, String name, String passwordHash, boolean systemAdmin) {
        try {
            return dsl.insertInto(USERS)
                    .set(USERS.EMAIL, email)
                    .set(USERS.NAME, name)
                    .set(USERS.PASSWORD_HASH, passwordHash)
                    .set(USERS.IS_ADMIN, systemAdmin)
                    .set(USERS.CREATED_AT, DSL.currentLocalDateTime())
                    .set(USERS.UPDATED_AT, DSL.currentLocalDateTime())
                    .returningResult(USERS.ID)
                    .fetchOne(r -> r.value1());
        } catch (DataAccessException e) {
            if ("23505".equals(e.sqlState())) {
                throw new DomainException.Conflict("user.email-taken", "an account with this email already exists");
            }
            throw e;
        }
    }

    @Override
    public void updatePasswordHash(UUID userId, String passwordHash) {
        dsl.update(USERS)
                .set(USERS.PASSWORD_HASH, passwordHash)
                .set(USERS.UPDATED_AT, DSL.currentLocalDateTime())
                .where(USERS.ID.eq(userId))
                .execute();
    }

    @Override
    public Optional<User> findById(UUID userId) {
        return dsl.select(userFields()).from(USERS).where(USERS.ID.eq(userId)).fetchOptional(this::toUser);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return dsl.select(userFields()).from(USERS)
                .where(EMAIL_LOWER.eq(DSL.lower(DSL.val(email))))
                .orderBy(DSL.when(USERS.EMAIL.eq(email), 0).otherwise(1), USERS.CREATED_AT)
                .limit(1)
                .fetchOptional(this::toUser);
    }

    @Override
    public List<Membership> memberships(UUID userId) {
        if (legacySchema) {
            return List.of();
        }
        return membershipQuery(ORGANIZATION_MEMBERS.USER_ID.eq(userId))
                .orderBy(ORGANIZATIONS.NAME, ORGANIZATIONS.ID)
                .fetch(this::toMembership);
    }

    @Override
    public Optional<Membership> membership(UUID userId, UUID organizationId) {
        if (legacySchema) {
            return Optional.empty();
        }
        return membershipQuery(ORGANIZATION_MEMBERS.USER_ID.eq(userId).and(ORGANIZATION_MEMBERS.ORGANIZATION_ID.eq(organizationId)))
                .fetchOptional(this::toMembership);
    }

    private static final Field<String> IS_ACTIVE = DSL.jsonbGetAttributeAsText(ORGANIZATIONS.SETTINGS, DSL.inline("is_active"));

    private org.jooq.SelectConditionStep<org.jooq.Record4<UUID, String, String, String>> membershipQuery(Condition condition) {
        return dsl.select(ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATION_MEMBERS.ROLE, IS_ACTIVE)
                .from(ORGANIZATION_MEMBERS)
                .join(ORGANIZATIONS).on(ORGANIZATIONS.ID.eq(ORGANIZATION_MEMBERS.ORGANIZATION_ID))
                .where(condition)
                .and(ORGANIZATIONS.DELETED_AT.isNull());
    }

    private Membership toMembership(org.jooq.Record4<UUID, String, String, String> r) {
        return new Membership(r.value1(), r.value2(), Role.parse(r.value3()), !"false".equalsIgnoreCase(r.value4()));
    }

    @Override
    public Page<User> list(PageRequest page, String emailPrefix) {
        Condition where = DSL.noCondition();
        if (emailPrefix != null) {
            where = where.and(EMAIL_LOWER.startsWith(DSL.val(emailPrefix.toLowerCase(java.util.Locale.ROOT))));
        }
        if (page.cursor() != null) {
            Cursor c = Cursor.decode(page.cursor());
            where = where.and(DSL.row(EMAIL_LOWER, USERS.ID).gt(DSL.row(DSL.val(c.email()), DSL.val(c.id()))));
        }
        List<User> rows = dsl.select(userFields()).from(USERS).where(where)
                .orderBy(EMAIL_LOWER, USERS.ID)
                .limit(page.limit() + 1)
                .fetch(this::toUser);
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            User last = rows.get(rows.size() - 1);
            next = new Cursor(last.email().toLowerCase(java.util.Locale.ROOT), last.id()).encode();
        }
        return new Page<>(rows, next);
    }

    /** Keyset position in the admin listing: (lower(email), id). */
    record Cursor(String email, UUID id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((id + " " + email).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String raw) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
                int sp = s.indexOf(' ');
                return new Cursor(s.substring(sp + 1), UUID.fromString(s.substring(0, sp)));
            } catch (RuntimeException e) {
                throw DomainException.Invalid.field("cursor", "cursor is not one this server handed out");
            }
        }
    }

    @Override
    public long countSystemAdmins() {
        // locks the system admins' rows until the end of the unit of work, so two admins
        // withdrawing each other at once cannot leave none
        return dsl.select(USERS.ID).from(USERS).where(USERS.IS_ADMIN.isTrue()).forUpdate().fetch().size();
    }

    @Override
    public void setSystemAdmin(UUID userId, boolean systemAdmin) {
        dsl.update(USERS)
                .set(USERS.IS_ADMIN, systemAdmin)
                .set(USERS.UPDATED_AT, DSL.currentLocalDateTime())
                .where(USERS.ID.eq(userId))
                .execute();
    }
}
