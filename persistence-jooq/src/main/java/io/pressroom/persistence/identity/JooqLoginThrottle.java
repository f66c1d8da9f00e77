package io.pressroom.persistence.identity;

import static io.pressroom.persistence.jooq.generated.Tables.PRESSROOM_LOGIN_FAILURE_COUNTS;

import io.pressroom.domain.identity.LoginThrottle;
import io.pressroom.persistence.jooq.generated.Routines;
import java.time.Duration;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Failed logins counted in PostgreSQL ({@code login_failures}, V5), so the limits hold across
 * every server instance of a database. The runtime role reaches the table only through the
 * functions of V5.
 */
public final class JooqLoginThrottle implements LoginThrottle {
    private final DSLContext dsl;
    private final Limits limits;

    public JooqLoginThrottle(DSLContext dsl, Limits limits) {
        this.dsl = dsl;
        this.limits = limits;
    }

    @Override
    public Optional<Duration> blocked(String account, String ipAddress) {
        var counts = dsl.selectFrom(PRESSROOM_LOGIN_FAILURE_COUNTS.call(account, ipAddress, (int) limits.window().toSeconds()))
                .fetchOne();
        if (counts == null) {
            return Optional.empty();
        }
        long wait = 0;
        if (counts.getAccountFailures() >= limits.perAccount()) {
            wait = Math.max(wait, counts.getAccountRetrySeconds());
        }
        if (counts.getIpFailures() >= limits.perAddress()) {
            wait = Math.max(wait, counts.getIpRetrySeconds());
        }
        boolean blocked = counts.getAccountFailures() >= limits.perAccount() || counts.getIpFailures() >= limits.perAddress();
        return blocked ? Optional.of(Duration.ofSeconds(Math.max(1, wait))) : Optional.empty();
    }

    @Override
    public void recordFailure(String account, String ipAddress) {
        Routines.pressroomRecordLoginFailure(dsl.configuration(), account, ipAddress);
    }

    /**
     * Signups share {@code login_failures} (rows pruned after an hour): keyed by the address under
     * an account that a login can never record (logins lower-case theirs), with no address of
     * their own, so they neither count as that address's failed logins nor can failed logins
     * fill a signup count.
     */
    static String signupKey(String ipAddress) {
        return "SIGNUP " + ipAddress;
    }

    @Override
    public Optional<Duration> signupBlocked(String ipAddress) {
        if (ipAddress == null) {
            return Optional.empty();
        }
        var counts = dsl.selectFrom(PRESSROOM_LOGIN_FAILURE_COUNTS.call(signupKey(ipAddress), null,
                (int) limits.signupWindow().toSeconds())).fetchOne();
        if (counts == null || counts.getAccountFailures() < limits.signupsPerAddress()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Math.max(1, counts.getAccountRetrySeconds())));
    }

    @Override
    public void recordSignup(String ipAddress) {
        if (ipAddress != null) {
            Routines.pressroomRecordLoginFailure(dsl.configuration(), signupKey(ipAddress), null);
        }
    }

    @Override
    public void clear(String account) {
        Routines.pressroomClearLoginFailures(dsl.configuration(), account);
    }
}
