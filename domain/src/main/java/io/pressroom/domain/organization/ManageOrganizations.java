package io.pressroom.domain.organization;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.Map;
import java.util.UUID;

/**
 * Inbound port: what a signed-in user does with organizations. An organization the caller is
 * not a member of (or that was deleted) answers {@code organization.not-found}, exactly like
 * one that does not exist.
 */
public interface ManageOrganizations {

    /** A new organization; the creator becomes its admin (and it becomes their primary one if they had none). */
    Membership create(Caller user, NewOrganization command);

    Page<Membership> listMine(Caller user, PageRequest page);

    Membership get(Caller user, UUID organizationId);

    /** Admins only; null fields are left as they are; {@code settings} keys are merged (null removes one). */
    Membership update(Caller user, UUID organizationId, OrganizationChanges changes);

    /** Admins only: a soft delete (its rows and its events stay). */
    void delete(Caller user, UUID organizationId);

    record NewOrganization(String name, String description) {}

    record OrganizationChanges(String name, String description, Map<String, Object> settings) {}
}
