package io.pressroom.web.http;

import io.javalin.http.Context;
import io.pressroom.domain.shared.Caller;

/**
 * How handlers learn who calls: resolved from {@code Authorization: Bearer <session token>},
 * the session cookie of the web pages, and
 * {@code X-Organization-Id} (default: the user's primary organization). Each method throws the
 * domain's {@code Unauthenticated}/{@code Forbidden}/{@code NotFound} when it cannot answer.
 * (Printer agents authenticate with printer keys on the agent routes; see the printer routes.)
 */
public interface Auth {
    /** A signed-in user, no organization needed (e.g. /api/me, creating an organization). */
    Caller user(Context ctx);

    /** A signed-in member of the selected organization, with their role there. */
    Caller member(Context ctx);

    /** Anyone, signed in or not (login, signup): only address and user agent. */
    Caller anonymous(Context ctx);
}
