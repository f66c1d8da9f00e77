package io.pressroom.web.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.pressroom.domain.identity.Membership;
import io.pressroom.domain.identity.ResolveSession;
import io.pressroom.domain.identity.SignedIn;
import io.pressroom.domain.identity.SignedInMember;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Auth} by session token: {@code Authorization: Bearer <token>} (API clients) or the
 * HttpOnly cookie {@value #COOKIE} (the web pages). A cookie-authenticated request that is not a
 * GET/HEAD/OPTIONS must carry {@code X-Requested-With: pressroom} (a header a cross-site form
 * cannot send): else 403 {@code csrf.header-required}. {@code X-Organization-Id} selects the
 * organization (a malformed id 400; one the user is not a member of 404, exactly like an
 * unknown one); absent, the user's primary organization ({@code users.org_id}).
 *
 * <p>Printer agents send printer keys as {@code Authorization: Bearer <key>} on the agent routes;
 * those routes read the key with {@link #bearer(Context)} and resolve it themselves.
 */
public final class SessionAuth implements Auth {
    public static final String COOKIE = "pressroom_session";
    public static final String CSRF_HEADER = "X-Requested-With";
    public static final String CSRF_VALUE = "pressroom";
    public static final String ORGANIZATION_HEADER = "X-Organization-Id";
    private static final String SIGNED_IN = SessionAuth.class.getName() + ".signedIn";

    private final ResolveSession sessions;
    private final ClientAddress addresses;

    public SessionAuth(ResolveSession sessions, ClientAddress addresses) {
        this.sessions = sessions;
        this.addresses = addresses;
    }

    public ClientAddress addresses() {
        return addresses;
    }

    @Override
    public Caller anonymous(Context ctx) {
        return Caller.anonymous(addresses.ip(ctx), ClientAddress.userAgent(ctx));
    }

    @Override
    public Caller user(Context ctx) {
        SignedIn s = signedIn(ctx);
        return Caller.user(s.user().id(), s.user().systemAdmin(), addresses.ip(ctx), ClientAddress.userAgent(ctx));
    }

    /**
     * The session, its user and their membership of the selected organization in one look-up
     * ({@link ResolveSession#authenticateIn}); refusals in the same order as looking them up one
     * by one: 401/403 for the credential, then 400 for a malformed organization id, then 404.
     */
    @Override
    public Caller member(Context ctx) {
        String header = ctx.header(ORGANIZATION_HEADER);
        UUID requested = null;
        if (header != null && !header.isBlank()) {
            try {
                requested = Requests.uuid(ORGANIZATION_HEADER, header.strip());
            } catch (RuntimeException malformed) {
                signedIn(ctx); // an unknown token answers 401 before a malformed header answers 400
                throw malformed;
            }
        }
        SignedIn s;
        UUID organizationId;
        Membership m;
        SignedIn cached = ctx.attribute(SIGNED_IN);
        if (cached != null) {
            s = cached;
            organizationId = requested != null ? requested : s.user().primaryOrganizationId();
            m = organizationId == null ? null : sessions.membership(s.user().id(), organizationId).orElse(null);
        } else {
            SignedInMember sm = sessions.authenticateIn(token(ctx), requested).orElseThrow(SessionAuth::invalidToken);
            s = sm.signedIn();
            ctx.attribute(SIGNED_IN, s);
            organizationId = sm.organizationId();
            m = sm.membership();
        }
        if (organizationId == null) {
            throw new DomainException.NotFound("organization.none",
                    "no organization selected: send X-Organization-Id or join an organization first");
        }
        if (m == null) {
            throw DomainException.NotFound.of("organization", organizationId);
        }
        return Caller.user(s.user().id(), s.user().systemAdmin(), addresses.ip(ctx), ClientAddress.userAgent(ctx))
                .inOrganization(organizationId, m.role(), m.organizationActive());
    }

    /** The session of this request (looked up once per request), or 401/403. */
    public SignedIn signedIn(Context ctx) {
        SignedIn cached = ctx.attribute(SIGNED_IN);
        if (cached != null) {
            return cached;
        }
        SignedIn s = sessions.authenticate(token(ctx)).orElseThrow(SessionAuth::invalidToken);
        ctx.attribute(SIGNED_IN, s);
        return s;
    }

    private String token(Context ctx) {
        return sessionToken(ctx).orElseThrow(() ->
                new DomainException.Unauthenticated("auth.required", "sign in first: send Authorization: Bearer <token>"));
    }

    private static DomainException.Unauthenticated invalidToken() {
        return new DomainException.Unauthenticated("auth.invalid-token", "the session is unknown, expired or revoked; sign in again");
    }

    /**
     * The session token of this request: the bearer token, else the cookie (then, for a request
     * that changes something, only with the CSRF header).
     */
    public Optional<String> sessionToken(Context ctx) {
        Optional<String> bearer = bearer(ctx);
        if (bearer.isPresent()) {
            return bearer;
        }
        String cookie = ctx.cookie(COOKIE);
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        if (!safe(ctx.method()) && !CSRF_VALUE.equals(ctx.header(CSRF_HEADER))) {
            throw new DomainException.Forbidden("csrf.header-required",
                    "a request signed in by cookie that changes something must send the header X-Requested-With: pressroom");
        }
        return Optional.of(cookie);
    }

    /** The bearer credential of {@code Authorization}, if any (a session token, or a printer key on agent routes). */
    public static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw new DomainException.Unauthenticated("auth.unsupported-scheme", "send Authorization: Bearer <token>");
        }
        String token = h.substring(7).strip();
        if (token.isEmpty()) {
            throw new DomainException.Unauthenticated("auth.required", "the bearer token is empty");
        }
        return Optional.of(token);
    }

    private static boolean safe(HandlerType method) {
        return HandlerType.GET.equals(method) || HandlerType.HEAD.equals(method) || HandlerType.OPTIONS.equals(method);
    }

    /** The session cookie for a login answer: HttpOnly, SameSite=Lax, Secure over HTTPS. */
    public String sessionCookie(Context ctx, String token, long maxAgeSeconds) {
        return COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (addresses.https(ctx) ? "; Secure" : "");
    }

    /** Clears the session cookie (logout). */
    public String clearedCookie(Context ctx) {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (addresses.https(ctx) ? "; Secure" : "");
    }
}
