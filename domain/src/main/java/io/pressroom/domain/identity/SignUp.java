package io.pressroom.domain.identity;

import io.pressroom.domain.shared.Caller;

/** Inbound port: someone creates an account (no organization yet). */
public interface SignUp {
    UserProfile signUp(Caller caller, String email, String password, String name);
}
