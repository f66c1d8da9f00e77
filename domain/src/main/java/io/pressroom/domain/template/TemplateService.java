package io.pressroom.domain.template;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** {@link ManageTemplates}; changes are system admin actions: their events belong to no organization. */
public final class TemplateService implements ManageTemplates {
    private final Transactions transactions;
    private final TemplateRepository templates;
    private final AuditLog audit;
    private final Clock clock;

    public TemplateService(Transactions transactions, TemplateRepository templates, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
    }

    private static TenantScope scope(Caller caller) {
        if (caller == null || caller.userId() == null) {
            throw new DomainException.Unauthenticated("auth.required", "sign in first");
        }
        return TenantScope.user(caller.userId());
    }

    @Override
    public Page<Template> list(Caller user, PageRequest page) {
        return transactions.inTransaction(scope(user), () -> templates.list(page));
    }

    @Override
    public Template get(Caller user, UUID id) {
        return transactions.inTransaction(scope(user), () -> templates.find(id).orElseThrow(() -> DomainException.NotFound.of("template", id)));
    }

    @Override
    public Template create(Caller systemAdmin, TemplateFields fields) {
        TenantScope scope = scope(systemAdmin);
        systemAdmin.requireSystemAdmin();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Template t = Template.checked(UUID.randomUUID(), fields.name(), fields.widthInches(), fields.heightInches(), now, now);
        return transactions.inTransaction(scope, () -> {
            templates.insert(t);
            audit.record(systemAdmin, null, "template.created", "template", t.id(), fieldsOf(t));
            return t;
        });
    }

    @Override
    public Template update(Caller systemAdmin, UUID id, TemplateFields changes) {
        TenantScope scope = scope(systemAdmin);
        systemAdmin.requireSystemAdmin();
        return transactions.inTransaction(scope, () -> {
            Template before = templates.find(id).orElseThrow(() -> DomainException.NotFound.of("template", id));
            Template after = Template.checked(id, changes.name() == null ? before.name() : changes.name(),
                    changes.widthInches() == null ? before.widthInches() : changes.widthInches(),
                    changes.heightInches() == null ? before.heightInches() : changes.heightInches(),
                    before.createdAt(), clock.instant().truncatedTo(ChronoUnit.MICROS));
            templates.update(after);
            Map<String, Object> changed = new LinkedHashMap<>();
            Map<String, Object> b = fieldsOf(before);
            fieldsOf(after).forEach((k, v) -> {
                if (!Objects.equals(b.get(k), v)) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("from", b.get(k));
                    c.put("to", v);
                    changed.put(k, c);
                }
            });
            audit.record(systemAdmin, null, "template.updated", "template", id, Map.of("changes", changed));
            return after;
        });
    }

    @Override
    public void delete(Caller systemAdmin, UUID id) {
        TenantScope scope = scope(systemAdmin);
        systemAdmin.requireSystemAdmin();
        transactions.run(scope, () -> {
            Template t = templates.find(id).orElseThrow(() -> DomainException.NotFound.of("template", id));
            templates.delete(id);
            audit.record(systemAdmin, null, "template.deleted", "template", id, fieldsOf(t));
        });
    }

    private static Map<String, Object> fieldsOf(Template t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("widthInches", t.widthInches());
        m.put("heightInches", t.heightInches());
        return m;
    }
}
