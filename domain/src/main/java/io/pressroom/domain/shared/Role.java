package io.pressroom.domain.shared;

import java.util.Locale;

/** A member's role in an organization: {@code admin} manages it, {@code member} works in it. */
public enum Role {
    ADMIN, MEMBER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String raw) {
        if (raw != null) {
            for (Role r : values()) {
                if (r.wire().equals(raw)) {
                    return r;
                }
            }
        }
        throw DomainException.Invalid.field("role", "role must be one of admin, member; was '" + raw + "'");
    }
}
