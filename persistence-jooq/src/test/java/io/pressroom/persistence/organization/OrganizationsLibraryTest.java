package io.pressroom.persistence.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.domain.organization.ManageOrganizations.NewOrganization;
import io.pressroom.domain.organization.ManageOrganizations.OrganizationChanges;
import io.pressroom.domain.organization.Membership;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import java.util.ArrayList;
import org.jooq.JSONB;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Organizations and members through the library (no HTTP), on real PostgreSQL. */
class OrganizationsLibraryTest {
    private static final OrgFixture F = new OrgFixture();

    @AfterAll
    static void close() {
        F.close();
    }

    private static Membership create(Caller who, String name) {
        return F.pressroom.organizations().create(who, new NewOrganization(name, null));
    }

    @Test
    void creatorBecomesAdminItBecomesTheirPrimaryAndOneEventIsWritten() {
        Caller ann = F.user("ann@create.test");
        assertThat(F.pressroom.organizations().listMine(ann, PageRequest.first()).items()).isEmpty();
        long before = F.events();

        Membership m = create(ann, "  Ann's Prints ");

        assertThat(m.role()).isEqualTo(Role.ADMIN);
        assertThat(m.organization().name()).isEqualTo("Ann's Prints");
        assertThat(m.organization().active()).isTrue();
        assertThat(F.value("SELECT org_id FROM users WHERE id = ?", ann.userId())).isEqualTo(m.organization().id());
        assertThat(F.events()).isEqualTo(before + 1);
        assertThat(F.value("SELECT event_type FROM events WHERE entity_id = ?", m.organization().id())).isEqualTo("organization.created");
        assertThat(F.value("SELECT ip_address FROM events WHERE entity_id = ?", m.organization().id())).isEqualTo("203.0.113.7");
        assertThat(F.pressroom.organizations().listMine(ann, PageRequest.first()).items())
                .extracting(x -> x.organization().id()).containsExactly(m.organization().id());

        // a second organization does not replace the primary one
        Membership second = create(ann, "Second");
        assertThat(F.value("SELECT org_id FROM users WHERE id = ?", ann.userId())).isEqualTo(m.organization().id());
        assertThat(F.pressroom.organizations().listMine(ann, new PageRequest(1, null)).nextCursor()).isNotNull();
        var page2 = F.pressroom.organizations().listMine(ann,
                new PageRequest(1, F.pressroom.organizations().listMine(ann, new PageRequest(1, null)).nextCursor()));
        assertThat(page2.items()).extracting(x -> x.organization().id()).containsExactly(second.organization().id());
        assertThat(page2.nextCursor()).isNull();
    }

    @Test
    void anotherOrganizationAnswersLikeOneThatDoesNotExist() {
        Caller a = F.user("a@other.test");
        Caller b = F.user("b@other.test");
        UUID orgA = create(a, "A").organization().id();
        create(b, "B");
        UUID missing = UUID.randomUUID();
        long events = F.events();
        for (UUID id : List.of(orgA, missing)) {
            List<Runnable> probes = List.of(
                    () -> F.pressroom.organizations().get(b, id),
                    () -> F.pressroom.organizations().update(b, id, new OrganizationChanges("x", null, null)),
                    () -> F.pressroom.organizations().delete(b, id),
                    () -> F.pressroom.members().list(b, id, PageRequest.first()),
                    () -> F.pressroom.members().add(b, id, "b@other.test", Role.MEMBER),
                    () -> F.pressroom.members().changeRole(b, id, a.userId(), Role.MEMBER),
                    () -> F.pressroom.members().remove(b, id, a.userId()),
                    () -> F.pressroom.invitations().invite(b, id, "x@other.test", Role.MEMBER, null),
                    () -> F.pressroom.invitations().list(b, id, PageRequest.first()),
                    () -> F.pressroom.invitations().revoke(b, id, UUID.randomUUID()));
            for (Runnable probe : probes) {
                assertThatThrownBy(probe::run).isInstanceOfSatisfying(DomainException.NotFound.class,
                        e -> assertThat(e.code()).isEqualTo("organization.not-found"));
            }
        }
        assertThat(F.events()).isEqualTo(events);
        assertThat(F.pressroom.organizations().get(a, orgA).organization().name()).isEqualTo("A");
    }

    @Test
    void membersAreAddedChangedAndRemovedAndTheLastAdminStays() {
        Caller admin = F.user("admin@members.test");
        Caller bob = F.user("bob@members.test");
        UUID org = create(admin, "Members").organization().id();

        var added = F.pressroom.members().add(admin, org, "BOB@members.test", Role.MEMBER);
        assertThat(added.userId()).isEqualTo(bob.userId());
        assertThat(added.email()).isEqualTo("bob@members.test");
        assertThat(F.value("SELECT org_id FROM users WHERE id = ?", bob.userId())).isEqualTo(org);
        assertThatThrownBy(() -> F.pressroom.members().add(admin, org, "bob@members.test", Role.ADMIN))
                .isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo("member.exists"));
        assertThatThrownBy(() -> F.pressroom.members().add(admin, org, "nobody@members.test", Role.ADMIN))
                .isInstanceOf(DomainException.NotFound.class);

        // a member reads but does not manage
        assertThat(F.pressroom.members().list(bob, org, PageRequest.first()).items()).hasSize(2);
        assertThatThrownBy(() -> F.pressroom.members().changeRole(bob, org, bob.userId(), Role.ADMIN))
                .isInstanceOfSatisfying(DomainException.Forbidden.class, e -> assertThat(e.code()).isEqualTo("organization.admin-required"));
        assertThatThrownBy(() -> F.pressroom.organizations().update(bob, org, new OrganizationChanges("x", null, null)))
                .isInstanceOf(DomainException.Forbidden.class);

        // the last admin can be neither demoted nor removed nor leave
        long events = F.events();
        assertThatThrownBy(() -> F.pressroom.members().changeRole(admin, org, admin.userId(), Role.MEMBER))
                .isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo("member.last-admin"));
        assertThatThrownBy(() -> F.pressroom.members().remove(admin, org, admin.userId()))
                .isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo("member.last-admin"));
        assertThat(F.events()).isEqualTo(events);

        // promote bob; now the first admin may step down, and bob may remove them
        assertThat(F.pressroom.members().changeRole(admin, org, bob.userId(), Role.ADMIN).role()).isEqualTo(Role.ADMIN);
        assertThat(F.pressroom.members().changeRole(admin, org, admin.userId(), Role.MEMBER).role()).isEqualTo(Role.MEMBER);
        F.pressroom.members().remove(bob, org, admin.userId());
        assertThat(F.value("SELECT org_id FROM users WHERE id = ?", admin.userId())).isNull();
        assertThatThrownBy(() -> F.pressroom.organizations().get(admin, org)).isInstanceOf(DomainException.NotFound.class);
        assertThat(F.events()).isEqualTo(events + 3);
        assertThat(F.value("SELECT event_type FROM events WHERE organization_id = ? ORDER BY created_at DESC LIMIT 1", org))
                .isEqualTo("member.removed");

        // a member leaves on their own
        Caller carol = F.user("carol@members.test");
        F.pressroom.members().add(bob, org, "carol@members.test", Role.MEMBER);
        F.pressroom.members().remove(carol, org, carol.userId());
        assertThat(F.value("SELECT event_type FROM events WHERE organization_id = ? ORDER BY created_at DESC LIMIT 1", org))
                .isEqualTo("member.left");
    }

    @Test
    void twoConcurrentDemotionsLeaveOneAdmin() throws Exception {
        Caller x = F.user("x@race.test");
        Caller y = F.user("y@race.test");
        UUID org = create(x, "Race").organization().id();
        F.pressroom.members().add(x, org, "y@race.test", Role.ADMIN);
        for (int round = 0; round < 5; round++) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> results = new ArrayList<>();
                results.add(pool.submit(() -> {
                    start.await();
                    return F.pressroom.members().changeRole(x, org, x.userId(), Role.MEMBER);
                }));
                results.add(pool.submit(() -> {
                    start.await();
                    return F.pressroom.members().changeRole(y, org, y.userId(), Role.MEMBER);
                }));
                start.countDown();
                int conflicts = 0;
                for (Future<?> f : results) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(DomainException.class);
                        conflicts++;
                    }
                }
                assertThat(conflicts).isEqualTo(1);
                assertThat(F.count("SELECT count(*) FROM organization_members WHERE organization_id = ? AND role = 'admin'", org)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            // make both admins again for the next round
            Caller remaining = F.value("SELECT role FROM organization_members WHERE organization_id = ? AND user_id = ?", org, x.userId())
                    .equals("admin") ? x : y;
            UUID other = remaining == x ? y.userId() : x.userId();
            F.pressroom.members().changeRole(remaining, org, other, Role.ADMIN);
        }
    }

    @Test
    void softDeletedOrganizationDisappearsButKeepsItsRowsAndEvents() {
        Caller ann = F.user("ann@delete.test");
        F.user("ben@delete.test");
        UUID org = create(ann, "Doomed").organization().id();
        F.pressroom.members().add(ann, org, "ben@delete.test", Role.MEMBER);
        long orgEvents = F.count("SELECT count(*) FROM events WHERE organization_id = ?", org);

        F.pressroom.organizations().delete(ann, org);

        assertThat(F.pressroom.organizations().listMine(ann, PageRequest.first()).items()).isEmpty();
        assertThatThrownBy(() -> F.pressroom.organizations().get(ann, org)).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> F.pressroom.organizations().delete(ann, org)).isInstanceOf(DomainException.NotFound.class);
        assertThat(F.count("SELECT count(*) FROM organizations WHERE id = ? AND deleted_at IS NOT NULL", org)).isEqualTo(1);
        assertThat(F.count("SELECT count(*) FROM organization_members WHERE organization_id = ?", org)).isEqualTo(2);
        assertThat(F.count("SELECT count(*) FROM events WHERE organization_id = ?", org)).isEqualTo(orgEvents + 1);
        assertThat(F.value("SELECT org_id FROM users WHERE id = ?", ann.userId())).isNull();
    }

    @Test
    void updateChangesNameAndSettingsButNotTheActivationSwitch() {
        Caller ann = F.user("ann@update.test");
        UUID org = create(ann, "Before").organization().id();
        var updated = F.pressroom.organizations().update(ann, org,
                new OrganizationChanges("After", "a shop", Map.of("timezone", "Europe/Paris")));
        assertThat(updated.organization().name()).isEqualTo("After");
        assertThat(updated.organization().ownSettings()).containsEntry("timezone", "Europe/Paris").doesNotContainKey("is_active");
        assertThat(updated.organization().active()).isTrue();
        assertThatThrownBy(() -> F.pressroom.organizations().update(ann, org, new OrganizationChanges(null, null, Map.of("is_active", false))))
                .isInstanceOf(DomainException.Invalid.class);
        assertThatThrownBy(() -> F.pressroom.organizations().update(ann, org, new OrganizationChanges(" ", null, null)))
                .isInstanceOf(DomainException.Invalid.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = io.pressroom.persistence.JsonValues.readObject(JSONB.valueOf(String.valueOf(
                F.value("SELECT event_data::text FROM events WHERE organization_id = ? AND event_type = 'organization.updated'", org))));
        assertThat((Map<String, Object>) data.get("changes")).containsKeys("name", "description", "settings");
    }

    @Test
    void aDeactivatedOrganizationCanBeReadButNotChanged() {
        Caller sys = F.systemAdmin("root@inactive.test");
        Caller ann = F.user("ann@inactive.test");
        F.user("ben@inactive.test");
        UUID org = create(ann, "Sleepy").organization().id();

        var off = F.pressroom.organizationAdmin().setActive(sys, org, false);
        assertThat(off.active()).isFalse();
        assertThat(F.value("SELECT organization_id FROM events WHERE event_type = 'organization.deactivated' AND entity_id = ?", org)).isNull();

        assertThat(F.pressroom.organizations().get(ann, org).organization().active()).isFalse();
        assertThat(F.pressroom.members().list(ann, org, PageRequest.first()).items()).hasSize(1);
        assertThatThrownBy(() -> F.pressroom.organizations().update(ann, org, new OrganizationChanges("x", null, null)))
                .isInstanceOfSatisfying(DomainException.Forbidden.class, e -> assertThat(e.code()).isEqualTo("organization.inactive"));
        assertThatThrownBy(() -> F.pressroom.members().add(ann, org, "ben@inactive.test", Role.MEMBER))
                .isInstanceOfSatisfying(DomainException.Forbidden.class, e -> assertThat(e.code()).isEqualTo("organization.inactive"));

        F.pressroom.organizationAdmin().setActive(sys, org, true);
        assertThat(F.pressroom.members().add(ann, org, "ben@inactive.test", Role.MEMBER).role()).isEqualTo(Role.MEMBER);

        // only system admins
        assertThatThrownBy(() -> F.pressroom.organizationAdmin().setActive(ann, org, false)).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> F.pressroom.organizationAdmin().list(ann, PageRequest.first())).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> F.pressroom.organizationAdmin().setActive(sys, UUID.randomUUID(), false))
                .isInstanceOf(DomainException.NotFound.class);
    }

    @Test
    void systemAdminListsEveryOrganizationAndReadsStatistics() {
        Caller sys = F.systemAdmin("root@stats.test");
        Caller ann = F.user("ann@stats.test");
        UUID org = create(ann, "Counted").organization().id();
        var all = new ArrayList<UUID>();
        String cursor = null;
        do {
            var page = F.pressroom.organizationAdmin().list(sys, new PageRequest(2, cursor));
            page.items().forEach(o -> all.add(o.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(all).contains(org).doesNotHaveDuplicates();
        assertThat(all).hasSize((int) F.count("SELECT count(*) FROM organizations WHERE deleted_at IS NULL"));

        var stats = F.pressroom.organizationAdmin().stats(sys);
        assertThat(stats.users()).isEqualTo(F.count("SELECT count(*) FROM users"));
        assertThat(stats.organizations()).isEqualTo(F.count("SELECT count(*) FROM organizations WHERE deleted_at IS NULL"));
        assertThat(stats.printJobsByStatus()).containsKeys("pending", "printing", "completed");
        assertThatThrownBy(() -> F.pressroom.organizationAdmin().stats(ann)).isInstanceOf(DomainException.Forbidden.class);
    }

    @Test
    void aMutationRolledBackHalfWayLeavesNoEvent() {
        Caller ann = F.user("ann@rollback.test");
        UUID org = create(ann, "Steady").organization().id();
        long events = F.events();
        assertThatThrownBy(() -> F.pressroom.transactions().run(io.pressroom.domain.shared.TenantScope.tenant(org, ann.userId()), () -> {
            F.pressroom.organizations().update(ann, org, new OrganizationChanges("Changed", null, null));
            throw new IllegalStateException("the rest of the work failed");
        })).hasMessageContaining("failed");
        assertThat(F.events()).isEqualTo(events);
        assertThat(F.pressroom.organizations().get(ann, org).organization().name()).isEqualTo("Steady");
    }
}
