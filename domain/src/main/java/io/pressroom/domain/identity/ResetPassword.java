package io.pressroom.domain.identity;

import io.pressroom.domain.shared.Caller;

/** Inbound port: someone redeems a one-time reset token (issued by a system admin) with a new password. */
public interface ResetPassword {
    void resetPassword(Caller caller, String token, String newPassword);
}
