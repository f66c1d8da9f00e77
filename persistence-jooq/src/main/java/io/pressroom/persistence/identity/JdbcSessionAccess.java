package io.pressroom.persistence.identity;

import io.pressroom.domain.identity.Membership;
import io.pressroom.domain.identity.Session;
import io.pressroom.domain.identity.SessionAccess;
import io.pressroom.domain.identity.SignedIn;
import io.pressroom.domain.identity.SignedInMember;
import io.pressroom.domain.identity.User;
import io.pressroom.domain.shared.Role;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import io.pressroom.persistence.Times;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionAccess} through V16's {@code pressroom_session_access}: one statement per
 * authenticated request, in autocommit (no transaction, no tenant settings: the SECURITY DEFINER
 * function answers only what the token hash unlocks). Nothing is cached, so a revoked or expired
 * session is refused by the very next request on every instance.
 *
 * <p>Plain JDBC with one constant SQL string: this runs on every request, and building and
 * rendering a jOOQ query costs more CPU than the database spends on the call. The connection is
 * the jOOQ {@link DSLContext}'s (the unit of work's, when called inside one).
 *
 * <p>The function is granted to {@code pressroom_app}, of which the login role is a member (V4).
 * A login role that does not inherit that role's privileges gets {@code 42501}; then (once
 * logged) the call runs in a unit of work switched to {@code pressroom_app}.
 */
public final class JdbcSessionAccess implements SessionAccess {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSessionAccess.class);
    static final String SQL = "select session_id, user_id, session_created_at, session_expires_at, email, name, is_admin, "
            + "user_created_at, primary_organization_id, organization_id, organization_name, role, organization_active "
            + "from pressroom_session_access(?, ?, ?)";

    private final DSLContext dsl;
    private final Transactions transactions;
    private volatile boolean inUnitOfWork;

    public JdbcSessionAccess(DSLContext dsl, Transactions transactions) {
        this.dsl = dsl;
        this.transactions = transactions;
    }

    @Override
    public Optional<SignedInMember> find(byte[] tokenHash, Instant now, UUID organizationId) {
        if (!inUnitOfWork) {
            try {
                return query(tokenHash, now, organizationId);
            } catch (DataAccessException e) {
                if (!"42501".equals(e.sqlState())) {
                    throw e;
                }
                LOG.warn("the login role may not execute pressroom_session_access itself ({}); sessions are resolved "
                        + "in a unit of work as pressroom_app from now on (grant pressroom_app to the login role WITH "
                        + "INHERIT TRUE to save a round trip per request)", e.getMessage());
                inUnitOfWork = true;
            }
        }
        return transactions.inTransaction(TenantScope.anonymous(), () -> query(tokenHash, now, organizationId));
    }

    private Optional<SignedInMember> query(byte[] tokenHash, Instant now, UUID organizationId) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setBytes(1, tokenHash);
                ps.setObject(2, Times.utc(now));
                ps.setObject(3, organizationId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs, organizationId)) : Optional.<SignedInMember>empty();
                }
            }
        });
    }

    private static SignedInMember row(ResultSet rs, UUID requested) throws java.sql.SQLException {
        UUID userId = rs.getObject(2, UUID.class);
        Session session = new Session(rs.getObject(1, UUID.class), userId, instant(rs, 3), instant(rs, 4));
        UUID primary = rs.getObject(9, UUID.class);
        User user = new User(userId, rs.getString(5), rs.getString(6), rs.getBoolean(7), primary, instant(rs, 8));
        UUID memberOf = rs.getObject(10, UUID.class);
        Membership membership = memberOf == null ? null
                : new Membership(memberOf, rs.getString(11), Role.parse(rs.getString(12)), !"false".equalsIgnoreCase(rs.getString(13)));
        return new SignedInMember(new SignedIn(session, user), requested != null ? requested : primary, membership);
    }

    private static Instant instant(ResultSet rs, int column) throws java.sql.SQLException {
        return Times.instant(rs.getObject(column, LocalDateTime.class));
    }
}
