package io.pressroom.domain.identity;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Accounts and sessions: signup, login (argon2id, legacy bcrypt rehashed on success, throttled),
 * logout, the signed-in user's profile, password change and reset. Password hashing (slow on
 * purpose) runs outside units of work, so no connection is held while it runs.
 */
public final class AccountService implements SignUp, LogIn, LogOut, ResolveSession, ShowProfile, ChangePassword,
        ResetPassword {

    /** The one answer to an unknown e-mail and to a wrong password. */
    public static final String INVALID_CREDENTIALS = "auth.invalid-credentials";

    private final Transactions transactions;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordResetRepository resets;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration sessionTtl;
    private final boolean rehashOnLogin;
    private final SessionAccess access;
    private volatile String dummyHash;

    /**
     * @param rehashOnLogin false in compatibility mode (the legacy schema is shared with the
     *                      legacy application, which reads bcrypt only: nothing is rewritten)
     */
    public AccountService(Transactions transactions, UserRepository users, SessionRepository sessions,
                          PasswordResetRepository resets, PasswordHasher hasher, LoginThrottle throttle,
                          AuditLog audit, Clock clock, Duration sessionTtl, boolean rehashOnLogin) {
        this(transactions, users, sessions, resets, hasher, throttle, audit, clock, sessionTtl, rehashOnLogin, null);
    }

    /**
     * @param access the one-look-up path of {@link #authenticateIn} (null: a unit of work for the
     *               session and another for the membership, as {@link ResolveSession} does by default)
     */
    public AccountService(Transactions transactions, UserRepository users, SessionRepository sessions,
                          PasswordResetRepository resets, PasswordHasher hasher, LoginThrottle throttle,
                          AuditLog audit, Clock clock, Duration sessionTtl, boolean rehashOnLogin, SessionAccess access) {
        this.access = access;
        this.transactions = Objects.requireNonNull(transactions);
        this.users = Objects.requireNonNull(users);
        this.sessions = Objects.requireNonNull(sessions);
        this.resets = Objects.requireNonNull(resets);
        this.hasher = Objects.requireNonNull(hasher);
        this.throttle = Objects.requireNonNull(throttle);
        this.audit = Objects.requireNonNull(audit);
        this.clock = Objects.requireNonNull(clock);
        this.sessionTtl = Objects.requireNonNull(sessionTtl);
        this.rehashOnLogin = rehashOnLogin;
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("session lifetime must be > 0, was " + sessionTtl);
        }
    }

    public Duration sessionTtl() {
        return sessionTtl;
    }

    @Override
    public UserProfile signUp(Caller caller, String rawEmail, String password, String rawName) {
        String email = PasswordPolicy.email(rawEmail);
        String name = PasswordPolicy.name(rawName);
        PasswordPolicy.password("password", password, email);
        refuseSignupWhenThrottled(caller.ipAddress());
        String hash = hasher.hash(password);
        return transactions.inTransaction(TenantScope.anonymous(), () -> {
            if (users.emailTaken(email)) {
                throw emailTaken();
            }
            UUID id = users.create(email, name, hash, false);
            Caller actor = new Caller(id, null, null, null, false, caller.ipAddress(), caller.userAgent());
            audit.record(actor, null, "user.signed_up", "user", id, data("email", email, "name", name));
            return new UserProfile(users.findById(id).orElseThrow(), java.util.List.of());
        });
    }

    static DomainException.Conflict emailTaken() {
        return new DomainException.Conflict("user.email-taken", "an account with this email already exists");
    }

    @Override
    public LoginResult logIn(Caller caller, String rawEmail, String password) {
        String normalized = rawEmail == null ? "" : rawEmail.strip().toLowerCase(Locale.ROOT);
        if (normalized.isEmpty() || password == null || password.isEmpty()) {
            Map<String, String> errors = new LinkedHashMap<>();
            if (normalized.isEmpty()) {
                errors.put("email", "email is required");
            }
            if (password == null || password.isEmpty()) {
                errors.put("password", "password is required");
            }
            throw new DomainException.Invalid("validation.failed", "email and password are required", errors);
        }
        // no account has a longer e-mail; this bounds what the throttle stores
        String account = normalized.length() > 320 ? normalized.substring(0, 320) : normalized;
        String ip = caller.ipAddress();
        refuseWhenThrottled(account, ip);
        Optional<Credentials> credentials = account.length() > PasswordPolicy.MAX_EMAIL_LENGTH
                ? Optional.empty()
                : transactions.inTransaction(TenantScope.anonymous(), () -> users.credentialsByEmail(account));
        boolean valid;
        if (credentials.isPresent()) {
            valid = hasher.verify(password, credentials.get().passwordHash());
        } else {
            hasher.verify(password, dummyHash()); // as long as a real check: no timing tells unknown e-mails apart
            valid = false;
        }
        if (!valid) {
            UUID known = credentials.map(Credentials::userId).orElse(null);
            transactions.run(TenantScope.anonymous(), () -> {
                throttle.recordFailure(account, ip);
                audit.record(caller, null, "user.login_failed", "user", known, data("reason", "invalid-credentials"));
            });
            throw invalidCredentials();
        }
        UUID userId = credentials.get().userId();
        String upgraded = rehashOnLogin && hasher.needsRehash(credentials.get().passwordHash()) ? hasher.hash(password) : null;
        String token = SecretTokens.generate();
        Instant now = now();
        Session session = new Session(UUID.randomUUID(), userId, now, now.plus(sessionTtl));
        return transactions.inTransaction(TenantScope.user(userId), () -> {
            if (upgraded != null) {
                users.updatePasswordHash(userId, upgraded);
            }
            sessions.create(session, SecretTokens.hash(token), ip, caller.userAgent());
            throttle.clear(account);
            UserProfile profile = profile(userId);
            Caller actor = Caller.user(userId, profile.user().systemAdmin(), ip, caller.userAgent());
            audit.record(actor, null, "user.logged_in", "user", userId,
                    data("sessionId", session.id().toString(), "hashUpgraded", upgraded != null));
            return new LoginResult(token, session.expiresAt(), profile);
        });
    }

    /**
     * A signup costs a password hash: each attempt that gets this far counts against its address
     * (10 an hour by default), counted before the hash is computed.
     */
    private void refuseSignupWhenThrottled(String ip) {
        Optional<Duration> wait = transactions.inTransaction(TenantScope.anonymous(), () -> {
            Optional<Duration> blocked = throttle.signupBlocked(ip);
            if (blocked.isEmpty()) {
                throttle.recordSignup(ip);
            }
            return blocked;
        });
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new DomainException.TooManyRequests("auth.signup-throttled",
                    "too many signups from this address; try again in " + seconds + " seconds", seconds);
        }
    }

    private void refuseWhenThrottled(String account, String ip) {
        Optional<Duration> wait = transactions.inTransaction(TenantScope.anonymous(), () -> throttle.blocked(account, ip));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new DomainException.TooManyRequests("auth.throttled",
                    "too many failed logins; try again in " + seconds + " seconds", seconds);
        }
    }

    static DomainException.Unauthenticated invalidCredentials() {
        return new DomainException.Unauthenticated(INVALID_CREDENTIALS, "the email or the password is wrong");
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = hasher.hash(SecretTokens.generate());
            dummyHash = h;
        }
        return h;
    }

    @Override
    public void logOut(Caller caller, String token) {
        UUID userId = requireUser(caller);
        if (!SecretTokens.plausible(token)) {
            throw new DomainException.Unauthenticated("auth.required", "sign in first");
        }
        transactions.run(TenantScope.user(userId), () -> {
            if (sessions.revoke(userId, SecretTokens.hash(token), now())) {
                audit.record(caller, null, "user.logged_out", "user", userId, Map.of());
            }
        });
    }

    @Override
    public Optional<SignedIn> authenticate(String token) {
        if (!SecretTokens.plausible(token)) {
            return Optional.empty();
        }
        byte[] hash = SecretTokens.hash(token);
        return transactions.inTransaction(TenantScope.anonymous(), () -> sessions.findLive(hash, now())
                .flatMap(s -> users.findById(s.userId()).map(u -> new SignedIn(s, u))));
    }

    @Override
    public Optional<SignedInMember> authenticateIn(String token, UUID organizationId) {
        if (access == null) {
            return ResolveSession.super.authenticateIn(token, organizationId);
        }
        if (!SecretTokens.plausible(token)) {
            return Optional.empty();
        }
        return access.find(SecretTokens.hash(token), now(), organizationId);
    }

    @Override
    public Optional<Membership> membership(UUID userId, UUID organizationId) {
        return transactions.inTransaction(TenantScope.user(userId), () -> users.membership(userId, organizationId));
    }

    @Override
    public UserProfile me(Caller caller) {
        UUID userId = requireUser(caller);
        return transactions.inTransaction(TenantScope.user(userId), () -> profile(userId));
    }

    private UserProfile profile(UUID userId) {
        User user = users.findById(userId).orElseThrow(() -> new DomainException.Unauthenticated("auth.required", "sign in first"));
        return new UserProfile(user, users.memberships(userId));
    }

    @Override
    public void changePassword(Caller caller, String currentToken, String currentPassword, String newPassword) {
        UUID userId = requireUser(caller);
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw DomainException.Invalid.field("currentPassword", "currentPassword is required");
        }
        User user = transactions.inTransaction(TenantScope.user(userId), () -> users.findById(userId)).orElseThrow();
        String account = user.email().toLowerCase(Locale.ROOT);
        PasswordPolicy.password("newPassword", newPassword, account);
        refuseWhenThrottled(account, caller.ipAddress());
        String stored = transactions.inTransaction(TenantScope.user(userId), () -> users.ownPasswordHash(userId)).orElseThrow();
        if (!hasher.verify(currentPassword, stored)) {
            transactions.run(TenantScope.anonymous(), () -> throttle.recordFailure(account, caller.ipAddress()));
            throw new DomainException.Invalid("auth.wrong-password", "currentPassword is not this account's password",
                    Map.of("currentPassword", "currentPassword is wrong"));
        }
        String hash = hasher.hash(newPassword);
        byte[] keep = SecretTokens.plausible(currentToken) ? SecretTokens.hash(currentToken) : null;
        transactions.run(TenantScope.user(userId), () -> {
            users.updatePasswordHash(userId, hash);
            int revoked = sessions.revokeAll(userId, keep, now());
            throttle.clear(account);
            audit.record(caller, null, "user.password_changed", "user", userId, data("otherSessionsRevoked", revoked));
        });
    }

    @Override
    public void resetPassword(Caller caller, String token, String newPassword) {
        if (!SecretTokens.plausible(token)) {
            throw DomainException.Invalid.field("token", "token is required");
        }
        PasswordPolicy.password("newPassword", newPassword, null);
        String hash = hasher.hash(newPassword);
        byte[] tokenHash = SecretTokens.hash(token);
        Instant now = now();
        transactions.run(TenantScope.anonymous(), () -> {
            UUID userId = resets.redeem(tokenHash, now).orElseThrow(() -> new DomainException.Invalid(
                    "password-reset.invalid-token", "this reset token is unknown, already used or expired",
                    Map.of("token", "unknown, used or expired")));
            // the same unit of work, now scoped to the user the token unlocked (a nested scope
            // lasts until the end of the transaction): the redemption and the change commit together
            transactions.run(TenantScope.user(userId), () -> {
                User user = users.findById(userId).orElseThrow();
                PasswordPolicy.password("newPassword", newPassword, user.email().toLowerCase(Locale.ROOT));
                users.updatePasswordHash(userId, hash);
                int revoked = sessions.revokeAll(userId, null, now);
                throttle.clear(user.email().toLowerCase(Locale.ROOT));
                Caller actor = new Caller(userId, null, null, null, false, caller.ipAddress(), caller.userAgent());
                audit.record(actor, null, "user.password_reset", "user", userId, data("sessionsRevoked", revoked));
            });
        });
    }

    private static UUID requireUser(Caller caller) {
        if (caller == null || caller.userId() == null) {
            throw new DomainException.Unauthenticated("auth.required", "sign in first");
        }
        return caller.userId();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static Map<String, Object> data(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
