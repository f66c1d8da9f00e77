package io.pressroom.persistence.identity;

import io.pressroom.persistence.Times;
import static io.pressroom.persistence.jooq.generated.Tables.PASSWORD_RESET_TOKENS;

import io.pressroom.domain.identity.PasswordResetRepository;
import io.pressroom.persistence.jooq.generated.Routines;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One-time reset tokens (V5): issued in the system scope (row-level security lets only system
 * admin units of work see the table); redeemed through {@code pressroom_redeem_password_reset}.
 */
public final class JooqPasswordResetRepository implements PasswordResetRepository {
    private final DSLContext dsl;

    public JooqPasswordResetRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void create(UUID userId, byte[] tokenHash, UUID createdBy, Instant expiresAt) {
        // a new token supersedes the user's unused ones: only the latest can be redeemed
        dsl.update(PASSWORD_RESET_TOKENS)
                .set(PASSWORD_RESET_TOKENS.USED_AT, DSL.currentLocalDateTime())
                .where(PASSWORD_RESET_TOKENS.USER_ID.eq(userId))
                .and(PASSWORD_RESET_TOKENS.USED_AT.isNull())
                .execute();
        dsl.insertInto(PASSWORD_RESET_TOKENS)
                .set(PASSWORD_RESET_TOKENS.USER_ID, userId)
                .set(PASSWORD_RESET_TOKENS.TOKEN_HASH, tokenHash)
                .set(PASSWORD_RESET_TOKENS.CREATED_BY_USER_ID, createdBy)
                .set(PASSWORD_RESET_TOKENS.CREATED_AT, DSL.currentLocalDateTime())
                .set(PASSWORD_RESET_TOKENS.EXPIRES_AT, Times.utc(expiresAt))
                .execute();
    }

    @Override
    public Optional<UUID> redeem(byte[] tokenHash, Instant now) {
        return Optional.ofNullable(dsl.select(Routines.pressroomRedeemPasswordReset(DSL.val(tokenHash), DSL.val(Times.utc(now))))
                .fetchOne(0, UUID.class));
    }
}
