package io.pressroom.domain.identity;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.UUID;

/** Inbound port: what a system admin does with accounts ({@code /api/admin/users}). */
public interface AdministerUsers {
    Page<User> listUsers(Caller caller, PageRequest page, String emailPrefix);

    User user(Caller caller, UUID userId);

    /** Grants or withdraws system admin; the last system admin cannot be withdrawn (409). */
    User setSystemAdmin(Caller caller, UUID userId, boolean systemAdmin);

    /** A one-time reset token for the user, shown once. */
    IssuedToken issuePasswordReset(Caller caller, UUID userId);
}
