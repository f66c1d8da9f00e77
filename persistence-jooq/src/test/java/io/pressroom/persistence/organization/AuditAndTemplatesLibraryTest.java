package io.pressroom.persistence.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.domain.audit.AuditEvent;
import io.pressroom.domain.audit.EventFilter;
import io.pressroom.domain.organization.ManageOrganizations.NewOrganization;
import io.pressroom.domain.organization.ManageOrganizations.OrganizationChanges;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import io.pressroom.domain.template.ManageTemplates.TemplateFields;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AuditAndTemplatesLibraryTest {
    private static final OrgFixture F = new OrgFixture();

    @AfterAll
    static void close() {
        F.close();
    }

    @Test
    void eventsAreListedNewestFirstWithFiltersAndCursorsAndExported() {
        Caller ann = F.user("ann@events.test");
        F.user("ben@events.test");
        UUID org = F.pressroom.organizations().create(ann, new NewOrganization("Evented", null)).organization().id();
        Caller annIn = ann.inOrganization(org, Role.ADMIN);
        for (int i = 0; i < 5; i++) {
            F.pressroom.organizations().update(ann, org, new OrganizationChanges("Name " + i, null, null));
        }
        F.pressroom.members().add(ann, org, "ben@events.test", Role.MEMBER);

        var all = F.pressroom.auditTrail().list(annIn, EventFilter.none(), PageRequest.first()).items();
        assertThat(all).hasSize(7);
        assertThat(all.get(0).eventType()).isEqualTo("member.added");
        assertThat(all.get(6).eventType()).isEqualTo("organization.created");

        List<AuditEvent> paged = new ArrayList<>();
        String cursor = null;
        do {
            var page = F.pressroom.auditTrail().list(annIn, EventFilter.none(), new PageRequest(3, cursor));
            paged.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(paged).extracting(AuditEvent::id).containsExactlyElementsOf(all.stream().map(AuditEvent::id).toList());

        assertThat(F.pressroom.auditTrail().list(annIn, new EventFilter(null, null, "organization.updated", null, null, null),
                PageRequest.first()).items()).hasSize(5);
        assertThat(F.pressroom.auditTrail().list(annIn, new EventFilter("member", null, null, null, null, null),
                PageRequest.first()).items()).hasSize(1);
        assertThat(F.pressroom.auditTrail().list(annIn, new EventFilter(null, null, null, UUID.randomUUID(), null, null),
                PageRequest.first()).items()).isEmpty();
        var first = all.get(6);
        assertThat(F.pressroom.auditTrail().list(annIn, new EventFilter(null, first.entityId(), null, ann.userId(), null,
                first.createdAt().plusNanos(1000)), PageRequest.first()).items()).extracting(AuditEvent::id).contains(first.id());

        List<AuditEvent> exported = new ArrayList<>();
        F.pressroom.auditTrail().export(annIn, EventFilter.none(), exported::add);
        assertThat(exported).extracting(AuditEvent::id).containsExactlyElementsOf(all.stream().map(AuditEvent::id).toList());

        // members do not read the trail; another organization sees none of it
        Caller benIn = Caller.user(F.pressroom.members().list(ann, org, PageRequest.first()).items().stream()
                .filter(m -> m.role() == Role.MEMBER).findFirst().orElseThrow().userId(), false, null, null).inOrganization(org, Role.MEMBER);
        assertThatThrownBy(() -> F.pressroom.auditTrail().list(benIn, EventFilter.none(), PageRequest.first()))
                .isInstanceOf(DomainException.Forbidden.class);
        Caller zed = F.user("zed@events.test");
        UUID zedOrg = F.pressroom.organizations().create(zed, new NewOrganization("Z", null)).organization().id();
        assertThat(F.pressroom.auditTrail().list(zed.inOrganization(zedOrg, Role.ADMIN), EventFilter.none(), PageRequest.first()).items())
                .extracting(AuditEvent::organizationId).containsOnly(zedOrg);
    }

    @Test
    void eventsOfNoOrganizationAreForSystemAdminsOnly() {
        Caller sys = F.systemAdmin("root@noorg.test");
        Caller ann = F.user("ann@noorg.test");
        UUID org = F.pressroom.organizations().create(ann, new NewOrganization("Mine", null)).organization().id();
        var t = F.pressroom.templates().create(sys, new TemplateFields("A4 sheet", 8.27, 11.69));

        var systemEvents = F.pressroom.auditTrail().listSystem(sys, EventFilter.none(), PageRequest.first()).items();
        assertThat(systemEvents).extracting(AuditEvent::entityId).contains(t.id());
        assertThat(systemEvents).extracting(AuditEvent::organizationId).containsOnlyNulls();
        assertThatThrownBy(() -> F.pressroom.auditTrail().listSystem(ann, EventFilter.none(), PageRequest.first()))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThat(F.pressroom.auditTrail().list(ann.inOrganization(org, Role.ADMIN), EventFilter.none(), PageRequest.first()).items())
                .extracting(AuditEvent::entityId).doesNotContain(t.id());
        List<AuditEvent> exported = new ArrayList<>();
        F.pressroom.auditTrail().exportSystem(sys, new EventFilter("template", null, null, null, null, null), exported::add);
        assertThat(exported).extracting(AuditEvent::eventType).contains("template.created");
    }

    @Test
    void templatesAreReadByEveryoneAndManagedBySystemAdmins() {
        Caller sys = F.systemAdmin("root@templates.test");
        Caller ann = F.user("ann@templates.test");
        var created = F.pressroom.templates().create(sys, new TemplateFields(" Mug wrap ", 9.0, 3.5));
        assertThat(created.name()).isEqualTo("Mug wrap");
        assertThat(F.pressroom.templates().list(ann, PageRequest.first()).items()).extracting(t -> t.id()).contains(created.id());
        assertThat(F.pressroom.templates().get(ann, created.id()).widthInches()).isEqualTo(9.0);
        var updated = F.pressroom.templates().update(sys, created.id(), new TemplateFields(null, 9.5, null));
        assertThat(updated.widthInches()).isEqualTo(9.5);
        assertThat(updated.name()).isEqualTo("Mug wrap");
        assertThatThrownBy(() -> F.pressroom.templates().create(ann, new TemplateFields("x", 1.0, 1.0))).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> F.pressroom.templates().update(ann, created.id(), new TemplateFields("x", null, null)))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> F.pressroom.templates().create(sys, new TemplateFields("x", -1.0, 1.0))).isInstanceOf(DomainException.Invalid.class);
        F.pressroom.templates().delete(sys, created.id());
        assertThatThrownBy(() -> F.pressroom.templates().get(ann, created.id())).isInstanceOf(DomainException.NotFound.class);
        assertThat(F.count("SELECT count(*) FROM events WHERE entity_id = ? AND organization_id IS NULL", created.id())).isEqualTo(3);
    }

    @Test
    void aTemplateThatAPrinterSupportsCannotBeDeleted() {
        Caller sys = F.systemAdmin("root@inuse.test");
        Caller ann = F.user("ann@inuse.test");
        UUID org = F.pressroom.organizations().create(ann, new NewOrganization("Printing", null)).organization().id();
        var used = F.pressroom.templates().create(sys, new TemplateFields("Used", 10.0, 10.0));
        F.db.exec("INSERT INTO printers (organization_id, user_id, name, printer_type, max_width_inches, max_height_inches, "
                + "supported_template_ids) VALUES ('" + org + "', '" + ann.userId() + "', 'p', 'dtf', 22, 60, ARRAY['" + used.id() + "']::uuid[])");
        long events = F.events();
        assertThatThrownBy(() -> F.pressroom.templates().delete(sys, used.id()))
                .isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo("template.in-use"));
        assertThat(F.pressroom.templates().get(ann, used.id()).name()).isEqualTo("Used");
        assertThat(F.events()).isEqualTo(events);
    }
}
