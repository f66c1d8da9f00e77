package io.pressroom.domain.organization;

/** Outbound port: counts across every organization, for a system admin. */
public interface StatsSource {
    AdministerOrganizations.Stats stats();
}
