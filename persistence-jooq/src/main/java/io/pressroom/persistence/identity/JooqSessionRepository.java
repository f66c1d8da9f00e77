package io.pressroom.persistence.identity;

import io.pressroom.persistence.Times;
import static io.pressroom.persistence.jooq.generated.Tables.PRESSROOM_SESSION_BY_TOKEN;
import static io.pressroom.persistence.jooq.generated.Tables.SESSIONS;

import io.pressroom.domain.identity.Session;
import io.pressroom.domain.identity.SessionRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Sessions in {@code sessions} (V5): a user sees only their own rows (row-level security); a
 * token's session is found through {@code pressroom_session_by_token}, which returns only the
 * row that hash unlocks.
 */
public final class JooqSessionRepository implements SessionRepository {
    private final DSLContext dsl;

    public JooqSessionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Ended sessions are kept this long (who signed in from where), then dropped at the user's next login. */
    static final java.time.Duration KEEP_ENDED = java.time.Duration.ofDays(30);

    @Override
    public void create(Session session, byte[] tokenHash, String ipAddress, String userAgent) {
        var cutoff = Times.utc(session.createdAt().minus(KEEP_ENDED));
        dsl.deleteFrom(SESSIONS)
                .where(SESSIONS.USER_ID.eq(session.userId()))
                .and(SESSIONS.EXPIRES_AT.lt(cutoff).or(SESSIONS.REVOKED_AT.lt(cutoff)))
                .execute();
        dsl.insertInto(SESSIONS)
                .set(SESSIONS.ID, session.id())
                .set(SESSIONS.USER_ID, session.userId())
                .set(SESSIONS.TOKEN_HASH, tokenHash)
                .set(SESSIONS.CREATED_AT, Times.utc(session.createdAt()))
                .set(SESSIONS.EXPIRES_AT, Times.utc(session.expiresAt()))
                .set(SESSIONS.IP_ADDRESS, ipAddress)
                .set(SESSIONS.USER_AGENT, userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512))
                .execute();
    }

    @Override
    public Optional<Session> findLive(byte[] tokenHash, Instant now) {
        var f = PRESSROOM_SESSION_BY_TOKEN.call(tokenHash, Times.utc(now));
        return dsl.selectFrom(f).fetchOptional(r -> new Session(r.getSessionId(), r.getUserId(),
                Times.instant(r.getCreatedAt()), Times.instant(r.getExpiresAt())));
    }

    @Override
    public boolean revoke(UUID userId, byte[] tokenHash, Instant now) {
        return dsl.update(SESSIONS)
                .set(SESSIONS.REVOKED_AT, Times.utc(now))
                .where(live(userId, now))
                .and(SESSIONS.TOKEN_HASH.eq(tokenHash))
                .execute() > 0;
    }

    @Override
    public int revokeAll(UUID userId, byte[] keepTokenHash, Instant now) {
        Condition keep = keepTokenHash == null ? org.jooq.impl.DSL.noCondition() : SESSIONS.TOKEN_HASH.ne(keepTokenHash);
        return dsl.update(SESSIONS)
                .set(SESSIONS.REVOKED_AT, Times.utc(now))
                .where(live(userId, now))
                .and(keep)
                .execute();
    }

    private static Condition live(UUID userId, Instant now) {
        return SESSIONS.USER_ID.eq(userId)
                .and(SESSIONS.REVOKED_AT.isNull())
                .and(SESSIONS.EXPIRES_AT.gt(Times.utc(now)));
    }
}
