package io.pressroom.persistence.template;

import io.pressroom.persistence.Times;
import static io.pressroom.persistence.jooq.generated.Tables.TEMPLATES;

import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.template.Template;
import io.pressroom.domain.template.TemplateRepository;
import io.pressroom.persistence.Keyset;
import io.pressroom.persistence.jooq.generated.tables.records.TemplatesRecord;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link TemplateRepository} on the legacy {@code templates} table. */
public final class JooqTemplateRepository implements TemplateRepository {
    private final DSLContext dsl;

    public JooqTemplateRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Page<Template> list(PageRequest page) {
        Keyset.Position after = Keyset.decode(page.cursor());
        Condition c = DSL.noCondition();
        var created = DSL.coalesce(TEMPLATES.CREATED_AT, DSL.val(java.time.LocalDateTime.of(1970, 1, 1, 0, 0)));
        if (after != null) {
            c = DSL.row(created, TEMPLATES.ID).gt(after.at(), after.id());
        }
        var rows = dsl.selectFrom(TEMPLATES).where(c).orderBy(created, TEMPLATES.ID).limit(page.limit() + 1).fetch();
        return Keyset.page(rows, page.limit(), JooqTemplateRepository::toTemplate,
                r -> Keyset.encode(r.getCreatedAt() == null ? java.time.LocalDateTime.of(1970, 1, 1, 0, 0) : r.getCreatedAt(), r.getId()));
    }

    @Override
    public Optional<Template> find(UUID id) {
        return dsl.selectFrom(TEMPLATES).where(TEMPLATES.ID.eq(id)).fetchOptional(JooqTemplateRepository::toTemplate);
    }

    @Override
    public void insert(Template t) {
        dsl.insertInto(TEMPLATES)
                .set(TEMPLATES.ID, t.id())
                .set(TEMPLATES.NAME, t.name())
                .set(TEMPLATES.WIDTH_INCHES, t.widthInches())
                .set(TEMPLATES.HEIGHT_INCHES, t.heightInches())
                .set(TEMPLATES.CREATED_AT, Times.utc(t.createdAt()))
                .set(TEMPLATES.UPDATED_AT, Times.utc(t.updatedAt()))
                .execute();
    }

    @Override
    public void update(Template t) {
        dsl.update(TEMPLATES)
                .set(TEMPLATES.NAME, t.name())
                .set(TEMPLATES.WIDTH_INCHES, t.widthInches())
                .set(TEMPLATES.HEIGHT_INCHES, t.heightInches())
                .set(TEMPLATES.UPDATED_AT, Times.utc(t.updatedAt()))
                .where(TEMPLATES.ID.eq(t.id()))
                .execute();
    }

    @Override
    public boolean delete(UUID id) {
        try {
            return dsl.deleteFrom(TEMPLATES).where(TEMPLATES.ID.eq(id)).execute() > 0;
        } catch (org.jooq.exception.DataAccessException e) {
            if ("23503".equals(e.sqlState())) { // templates_in_use_by_printers (V12)
                throw new io.pressroom.domain.shared.DomainException.Conflict("template.in-use",
                        "a printer supports this template: remove it from the printers' supportedTemplateIds first");
            }
            throw e;
        }
    }

    private static Template toTemplate(TemplatesRecord r) {
        return new Template(r.getId(), r.getName(), r.getWidthInches(), r.getHeightInches(),
                Times.instant(r.getCreatedAt()), Times.instant(r.getUpdatedAt()));
    }
}
