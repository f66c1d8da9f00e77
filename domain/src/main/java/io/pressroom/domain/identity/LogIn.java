package io.pressroom.domain.identity;

import io.pressroom.domain.shared.Caller;

/**
 * Inbound port: a user signs in with e-mail and password. Unknown e-mail and wrong password fail
 * alike ({@code auth.invalid-credentials}); repeated failures are throttled ({@code auth.throttled}).
 */
public interface LogIn {
    LoginResult logIn(Caller caller, String email, String password);
}
