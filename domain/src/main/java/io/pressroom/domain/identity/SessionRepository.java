package io.pressroom.domain.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Outbound port: sessions, found only by the SHA-256 of their token. */
public interface SessionRepository {
    void create(Session session, byte[] tokenHash, String ipAddress, String userAgent);

    /** The session of this token hash when it is neither revoked nor expired at {@code now}. */
    Optional<Session> findLive(byte[] tokenHash, Instant now);

    /** Revokes the user's session of this token hash; false when there is none live. */
    boolean revoke(UUID userId, byte[] tokenHash, Instant now);

    /** Revokes every live session of the user but the one of {@code keepTokenHash} (null: all); answers how many. */
    int revokeAll(UUID userId, byte[] keepTokenHash, Instant now);
}
