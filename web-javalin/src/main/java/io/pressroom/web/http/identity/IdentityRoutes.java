package io.pressroom.web.http.identity;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pressroom.domain.identity.AccountService;
import io.pressroom.domain.identity.LoginResult;
import io.pressroom.domain.shared.Caller;
import io.pressroom.web.http.Requests;
import io.pressroom.web.http.SessionAuth;
import io.pressroom.web.http.identity.IdentityDtos.ChangePasswordRequest;
import io.pressroom.web.http.identity.IdentityDtos.LoginRequest;
import io.pressroom.web.http.identity.IdentityDtos.LoginResponse;
import io.pressroom.web.http.identity.IdentityDtos.MeResponse;
import io.pressroom.web.http.identity.IdentityDtos.ResetPasswordRequest;
import io.pressroom.web.http.identity.IdentityDtos.SignupRequest;
import java.time.Duration;
import java.time.Instant;

/** Signup, login, logout, the signed-in user, password change and reset. */
public final class IdentityRoutes {
    private final AccountService accounts;
    private final SessionAuth auth;
    private final Requests requests;

    public IdentityRoutes(AccountService accounts, SessionAuth auth, Requests requests) {
        this.accounts = accounts;
        this.auth = auth;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/auth/signup", this::signUp);
        routes.post("/api/auth/login", this::logIn);
        routes.post("/api/auth/logout", this::logOut);
        routes.post("/api/auth/password-reset", this::resetPassword);
        routes.get("/api/me", this::me);
        routes.post("/api/me/password", this::changePassword);
    }

    private void signUp(Context ctx) {
        SignupRequest body = requests.body(ctx, SignupRequest.class);
        var profile = accounts.signUp(auth.anonymous(ctx), body.email(), body.password(), body.name());
        ctx.status(201).json(MeResponse.from(profile));
    }

    private void logIn(Context ctx) {
        LoginRequest body = requests.body(ctx, LoginRequest.class);
        LoginResult result = accounts.logIn(auth.anonymous(ctx), body.email(), body.password());
        long maxAge = Math.max(0, Duration.between(Instant.now(), result.expiresAt()).toSeconds());
        ctx.header("Set-Cookie", auth.sessionCookie(ctx, result.token(), maxAge));
        ctx.header("Cache-Control", "no-store");
        ctx.json(LoginResponse.from(result));
    }

    private void logOut(Context ctx) {
        Caller caller = auth.user(ctx);
        accounts.logOut(caller, auth.sessionToken(ctx).orElseThrow());
        ctx.header("Set-Cookie", auth.clearedCookie(ctx));
        ctx.status(204);
    }

    private void me(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(MeResponse.from(accounts.me(auth.user(ctx))));
    }

    private void changePassword(Context ctx) {
        Caller caller = auth.user(ctx);
        ChangePasswordRequest body = requests.body(ctx, ChangePasswordRequest.class);
        accounts.changePassword(caller, auth.sessionToken(ctx).orElseThrow(), body.currentPassword(), body.newPassword());
        ctx.status(204);
    }

    private void resetPassword(Context ctx) {
        ResetPasswordRequest body = requests.body(ctx, ResetPasswordRequest.class);
        accounts.resetPassword(auth.anonymous(ctx), body.token(), body.newPassword());
        ctx.status(204);
    }
}
