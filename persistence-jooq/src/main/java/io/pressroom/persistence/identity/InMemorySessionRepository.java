package io.pressroom.persistence.identity;

import io.pressroom.domain.identity.Session;
import io.pressroom.domain.identity.SessionRepository;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions held in this process (compatibility mode: the database has the legacy schema only, so
 * there is no {@code sessions} table). Lost on restart; not shared between instances.
 */
public final class InMemorySessionRepository implements SessionRepository {
    private record Entry(Session session, Instant revokedAt) {}

    private final ConcurrentHashMap<ByteBuffer, Entry> byHash = new ConcurrentHashMap<>();

    @Override
    public void create(Session session, byte[] tokenHash, String ipAddress, String userAgent) {
        purge(Instant.now());
        byHash.put(ByteBuffer.wrap(tokenHash.clone()), new Entry(session, null));
    }

    @Override
    public Optional<Session> findLive(byte[] tokenHash, Instant now) {
        Entry e = byHash.get(ByteBuffer.wrap(tokenHash));
        return e != null && e.revokedAt() == null && e.session().expiresAt().isAfter(now) ? Optional.of(e.session()) : Optional.empty();
    }

    @Override
    public boolean revoke(UUID userId, byte[] tokenHash, Instant now) {
        ByteBuffer key = ByteBuffer.wrap(tokenHash);
        Entry e = byHash.get(key);
        if (e == null || e.revokedAt() != null || !e.session().userId().equals(userId) || !e.session().expiresAt().isAfter(now)) {
            return false;
        }
        return byHash.replace(key, e, new Entry(e.session(), now));
    }

    @Override
    public int revokeAll(UUID userId, byte[] keepTokenHash, Instant now) {
        ByteBuffer keep = keepTokenHash == null ? null : ByteBuffer.wrap(keepTokenHash);
        int n = 0;
        for (var entry : byHash.entrySet()) {
            Entry e = entry.getValue();
            if (e.session().userId().equals(userId) && e.revokedAt() == null && e.session().expiresAt().isAfter(now)
                    && !entry.getKey().equals(keep) && byHash.replace(entry.getKey(), e, new Entry(e.session(), now))) {
                n++;
            }
        }
        return n;
    }

    private void purge(Instant now) {
        byHash.values().removeIf(e -> !e.session().expiresAt().isAfter(now));
    }
}
