package io.pressroom.domain.organization;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.Map;
import java.util.UUID;

/** Inbound port: what a system admin (users.is_admin) does across organizations. */
public interface AdministerOrganizations {

    Page<Organization> list(Caller systemAdmin, PageRequest page);

    Organization get(Caller systemAdmin, UUID organizationId);

    /** Deactivates (read-only, its printers claim nothing) or reactivates an organization. */
    Organization setActive(Caller systemAdmin, UUID organizationId, boolean active);

    Stats stats(Caller systemAdmin);

    record Stats(long organizations, long inactiveOrganizations, long deletedOrganizations, long users,
                 long systemAdmins, long printers, Map<String, Long> printJobsByStatus) {}
}
