package io.pressroom.web.http.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pressroom.domain.identity.IssuedToken;
import io.pressroom.domain.identity.LoginResult;
import io.pressroom.domain.identity.Membership;
import io.pressroom.domain.identity.User;
import io.pressroom.domain.identity.UserProfile;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and answer bodies of the identity routes: only listed fields can be written; no answer carries a hash. */
final class IdentityDtos {
    private IdentityDtos() {}

    record SignupRequest(String email, String password, String name) {}

    record LoginRequest(String email, String password) {}

    record ChangePasswordRequest(String currentPassword, String newPassword) {}

    record ResetPasswordRequest(String token, String newPassword) {}

    record SetSystemAdminRequest(@JsonProperty("isSystemAdmin") Boolean isSystemAdmin) {}

    record OrganizationEntry(UUID id, String name, String role) {
        static OrganizationEntry from(Membership m) {
            return new OrganizationEntry(m.organizationId(), m.organizationName(), m.role().wire());
        }
    }

    /** {@code GET /api/me}, and {@code user} in the login answer. */
    record MeResponse(UUID id, String email, String name, @JsonProperty("isSystemAdmin") boolean isSystemAdmin,
                      UUID primaryOrganizationId, List<OrganizationEntry> organizations) {
        static MeResponse from(UserProfile p) {
            User u = p.user();
            return new MeResponse(u.id(), u.email(), u.name(), u.systemAdmin(), u.primaryOrganizationId(),
                    p.organizations().stream().map(OrganizationEntry::from).toList());
        }
    }

    record LoginResponse(String token, Instant expiresAt, MeResponse user) {
        static LoginResponse from(LoginResult r) {
            return new LoginResponse(r.token(), r.expiresAt(), MeResponse.from(r.profile()));
        }
    }

    /** An account as system admins list it. */
    record AdminUserResponse(UUID id, String email, String name, @JsonProperty("isSystemAdmin") boolean isSystemAdmin,
                             UUID primaryOrganizationId, Instant createdAt) {
        static AdminUserResponse from(User u) {
            return new AdminUserResponse(u.id(), u.email(), u.name(), u.systemAdmin(), u.primaryOrganizationId(), u.createdAt());
        }
    }

    record AdminUserPage(List<AdminUserResponse> items, String nextCursor) {}

    record ResetTokenResponse(String token, Instant expiresAt) {
        static ResetTokenResponse from(IssuedToken t) {
            return new ResetTokenResponse(t.token(), t.expiresAt());
        }
    }
}
