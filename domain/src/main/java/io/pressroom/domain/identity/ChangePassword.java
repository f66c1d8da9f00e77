package io.pressroom.domain.identity;

import io.pressroom.domain.shared.Caller;

/**
 * Inbound port: a signed-in user changes their password, proving the current one; every other
 * session of theirs is revoked (the one of {@code currentToken} stays).
 */
public interface ChangePassword {
    void changePassword(Caller caller, String currentToken, String currentPassword, String newPassword);
}
