package io.pressroom.domain.identity;

import io.pressroom.domain.shared.Caller;

/** Inbound port: a signed-in user ends the session of {@code token}. */
public interface LogOut {
    void logOut(Caller caller, String token);
}
