package io.pressroom.domain.identity;

import io.pressroom.domain.shared.Caller;

/** Inbound port: a signed-in user reads who they are and where they belong ({@code /api/me}). */
public interface ShowProfile {
    UserProfile me(Caller caller);
}
