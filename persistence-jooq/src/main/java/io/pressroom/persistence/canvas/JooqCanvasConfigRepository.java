package io.pressroom.persistence.canvas;

import static io.pressroom.persistence.Times.instant;
import static io.pressroom.persistence.Times.utc;

import static io.pressroom.persistence.jooq.generated.Tables.CANVAS_CONFIGS;

import io.pressroom.domain.canvas.CanvasConfig;
import io.pressroom.domain.canvas.CanvasConfigRepository;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.persistence.KeysetCursor;
import io.pressroom.persistence.jooq.generated.tables.records.CanvasConfigsRecord;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * {@code canvas_configs} through jOOQ. A member sees the organization's rows and their own
 * legacy rows (no organization yet); legacy NULLs in the seed's new columns read as the
 * seed's defaults (300 dpi, 0.125 in).
 */
public final class JooqCanvasConfigRepository implements CanvasConfigRepository {
    private final DSLContext dsl;

    public JooqCanvasConfigRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    private static Condition visible(UUID organizationId, UUID userId) {
        Condition own = CANVAS_CONFIGS.ORGANIZATION_ID.eq(organizationId);
        return userId == null ? own : own.or(CANVAS_CONFIGS.ORGANIZATION_ID.isNull().and(CANVAS_CONFIGS.USER_ID.eq(userId)));
    }

    @Override
    public CanvasConfig insert(CanvasConfig c) {
        return toDomain(dsl.insertInto(CANVAS_CONFIGS)
                .set(CANVAS_CONFIGS.ID, c.id())
                .set(CANVAS_CONFIGS.ORGANIZATION_ID, c.organizationId())
                .set(CANVAS_CONFIGS.USER_ID, c.userId())
                .set(CANVAS_CONFIGS.NAME, c.name())
                .set(CANVAS_CONFIGS.WIDTH_INCHES, c.widthInches())
                .set(CANVAS_CONFIGS.HEIGHT_INCHES, c.heightInches())
                .set(CANVAS_CONFIGS.DPI, c.dpi())
                .set(CANVAS_CONFIGS.SPACING_WIDTH_INCHES, c.spacingWidthInches())
                .set(CANVAS_CONFIGS.SPACING_HEIGHT_INCHES, c.spacingHeightInches())
                .set(CANVAS_CONFIGS.CREATED_AT, utc(c.createdAt()))
                .set(CANVAS_CONFIGS.UPDATED_AT, utc(c.updatedAt()))
                .returning().fetchOne());
    }

    @Override
    public CanvasConfig update(CanvasConfig c) {
        CanvasConfigsRecord r = dsl.update(CANVAS_CONFIGS)
                .set(CANVAS_CONFIGS.NAME, c.name())
                .set(CANVAS_CONFIGS.WIDTH_INCHES, c.widthInches())
                .set(CANVAS_CONFIGS.HEIGHT_INCHES, c.heightInches())
                .set(CANVAS_CONFIGS.DPI, c.dpi())
                .set(CANVAS_CONFIGS.SPACING_WIDTH_INCHES, c.spacingWidthInches())
                .set(CANVAS_CONFIGS.SPACING_HEIGHT_INCHES, c.spacingHeightInches())
                .set(CANVAS_CONFIGS.UPDATED_AT, utc(c.updatedAt()))
                .where(CANVAS_CONFIGS.ID.eq(c.id()).and(c.organizationId() != null
                        ? CANVAS_CONFIGS.ORGANIZATION_ID.eq(c.organizationId())
                        : CANVAS_CONFIGS.ORGANIZATION_ID.isNull().and(CANVAS_CONFIGS.USER_ID.eq(c.userId()))))
                .returning().fetchOne();
        if (r == null) {
            throw DomainException.NotFound.of("canvas_config", c.id());
        }
        return toDomain(r);
    }

    @Override
    public Optional<CanvasConfig> find(UUID organizationId, UUID userId, UUID id) {
        return dsl.selectFrom(CANVAS_CONFIGS).where(CANVAS_CONFIGS.ID.eq(id).and(visible(organizationId, userId)))
                .fetchOptional().map(JooqCanvasConfigRepository::toDomain);
    }

    @Override
    public Page<CanvasConfig> list(UUID organizationId, UUID userId, PageRequest page) {
        KeysetCursor after = KeysetCursor.decode(page.cursor());
        Condition where = visible(organizationId, userId);
        var createdAt = DSL.coalesce(CANVAS_CONFIGS.CREATED_AT, DSL.inline(LocalDateTime.of(1970, 1, 1, 0, 0)));
        if (after != null) {
            where = where.and(DSL.row(createdAt, CANVAS_CONFIGS.ID).lt(after.createdAt(), after.id()));
        }
        List<CanvasConfigsRecord> rows = dsl.selectFrom(CANVAS_CONFIGS).where(where)
                .orderBy(createdAt.desc(), CANVAS_CONFIGS.ID.desc()).limit(page.limit() + 1).fetch();
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            CanvasConfigsRecord last = rows.get(rows.size() - 1);
            LocalDateTime at = last.getCreatedAt() == null ? LocalDateTime.of(1970, 1, 1, 0, 0) : last.getCreatedAt();
            next = new KeysetCursor(at, last.getId()).encode();
        }
        return new Page<>(rows.stream().map(JooqCanvasConfigRepository::toDomain).toList(), next);
    }

    @Override
    public boolean delete(UUID organizationId, UUID userId, UUID id) {
        return dsl.deleteFrom(CANVAS_CONFIGS).where(CANVAS_CONFIGS.ID.eq(id).and(visible(organizationId, userId))).execute() > 0;
    }

    static CanvasConfig toDomain(CanvasConfigsRecord r) {
        return new CanvasConfig(r.getId(), r.getOrganizationId(), r.getUserId(), r.getName(), r.getWidthInches(),
                r.getHeightInches(), r.getDpi() == null ? CanvasConfig.DEFAULT_DPI : r.getDpi(),
                r.getSpacingWidthInches() == null ? CanvasConfig.DEFAULT_SPACING : r.getSpacingWidthInches(),
                r.getSpacingHeightInches() == null ? CanvasConfig.DEFAULT_SPACING : r.getSpacingHeightInches(),
                instant(r.getCreatedAt()), instant(r.getUpdatedAt()));
    }


}
