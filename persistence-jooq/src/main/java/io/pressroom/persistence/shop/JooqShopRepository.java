package io.pressroom.persistence.shop;

import static io.pressroom.persistence.Times.instant;
import static io.pressroom.persistence.Times.utc;

import static io.pressroom.persistence.jooq.generated.Tables.SHOPS;

import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shop.Platform;
import io.pressroom.domain.shop.Shop;
import io.pressroom.domain.shop.ShopRepository;
import io.pressroom.persistence.JsonValues;
import io.pressroom.persistence.KeysetCursor;
import io.pressroom.persistence.jooq.generated.tables.records.ShopsRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** {@code shops} through jOOQ; every statement names the organization. */
public final class JooqShopRepository implements ShopRepository {
    private final DSLContext dsl;

    public JooqShopRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Shop insert(Shop s) {
        return guarded(s, () -> dsl.insertInto(SHOPS)
                .set(SHOPS.ID, s.id())
                .set(SHOPS.ORGANIZATION_ID, s.organizationId())
                .set(SHOPS.NAME, s.name())
                .set(SHOPS.PLATFORM, s.platform().wire())
                .set(SHOPS.PLATFORM_SHOP_ID, s.platformShopId())
                .set(SHOPS.SHOP_CONFIG, JsonValues.toJsonb(s.storedConfig()))
                .set(SHOPS.IS_ACTIVE, s.active())
                .set(SHOPS.CREATED_AT, utc(s.createdAt()))
                .set(SHOPS.UPDATED_AT, utc(s.updatedAt()))
                .returning().fetchOne());
    }

    @Override
    public Shop update(Shop s) {
        return guarded(s, () -> dsl.update(SHOPS)
                .set(SHOPS.NAME, s.name())
                .set(SHOPS.PLATFORM, s.platform().wire())
                .set(SHOPS.PLATFORM_SHOP_ID, s.platformShopId())
                .set(SHOPS.SHOP_CONFIG, JsonValues.toJsonb(s.storedConfig()))
                .set(SHOPS.IS_ACTIVE, s.active())
                .set(SHOPS.UPDATED_AT, utc(s.updatedAt()))
                .where(SHOPS.ORGANIZATION_ID.eq(s.organizationId()).and(SHOPS.ID.eq(s.id())))
                .returning().fetchOne());
    }

    private Shop guarded(Shop s, java.util.function.Supplier<ShopsRecord> write) {
        try {
            ShopsRecord r = write.get();
            if (r == null) {
                throw DomainException.NotFound.of("shop", s.id());
            }
            return toDomain(r);
        } catch (DataAccessException e) {
            if ("23505".equals(e.sqlState())) { // shops_platform_shop_id_key, taken meanwhile
                throw new DomainException.Conflict("shop.platform-shop-id-taken", "this organization already has a "
                        + s.platform().wire() + " shop with platformShopId '" + s.platformShopId() + "'");
            }
            throw e;
        }
    }

    @Override
    public Optional<Shop> find(UUID organizationId, UUID id) {
        return dsl.selectFrom(SHOPS).where(SHOPS.ORGANIZATION_ID.eq(organizationId).and(SHOPS.ID.eq(id)))
                .fetchOptional().map(JooqShopRepository::toDomain);
    }

    @Override
    public Page<Shop> list(UUID organizationId, PageRequest page) {
        KeysetCursor after = KeysetCursor.decode(page.cursor());
        Condition where = SHOPS.ORGANIZATION_ID.eq(organizationId);
        if (after != null) {
            where = where.and(DSL.row(SHOPS.CREATED_AT, SHOPS.ID).lt(after.createdAt(), after.id()));
        }
        List<ShopsRecord> rows = dsl.selectFrom(SHOPS).where(where)
                .orderBy(SHOPS.CREATED_AT.desc(), SHOPS.ID.desc()).limit(page.limit() + 1).fetch();
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            ShopsRecord last = rows.get(rows.size() - 1);
            next = new KeysetCursor(last.getCreatedAt(), last.getId()).encode();
        }
        return new Page<>(rows.stream().map(JooqShopRepository::toDomain).toList(), next);
    }

    @Override
    public boolean platformShopIdTaken(UUID organizationId, Platform platform, String platformShopId, UUID exceptId) {
        return dsl.fetchExists(dsl.selectOne().from(SHOPS).where(SHOPS.ORGANIZATION_ID.eq(organizationId)
                .and(SHOPS.PLATFORM.eq(platform.wire())).and(SHOPS.PLATFORM_SHOP_ID.eq(platformShopId))
                .and(SHOPS.ID.ne(exceptId))));
    }

    @Override
    public boolean delete(UUID organizationId, UUID id) {
        try {
            return dsl.deleteFrom(SHOPS).where(SHOPS.ORGANIZATION_ID.eq(organizationId).and(SHOPS.ID.eq(id))).execute() > 0;
        } catch (DataAccessException e) {
            if ("23503".equals(e.sqlState())) {
                throw new DomainException.Conflict("shop.in-use",
                        "shop " + id + " is named by print jobs; deactivate it (isActive false) instead", Map.of("shopId", id.toString()));
            }
            throw e;
        }
    }

    static Shop toDomain(ShopsRecord r) {
        Map<String, String> config = new LinkedHashMap<>();
        JsonValues.readObject(r.getShopConfig()).forEach((k, v) -> config.put(k, v == null ? null : String.valueOf(v)));
        return new Shop(r.getId(), r.getOrganizationId(), r.getName(), Platform.parse(r.getPlatform()), r.getPlatformShopId(),
                config, r.getIsActive() == null || r.getIsActive(), instant(r.getCreatedAt()), instant(r.getUpdatedAt()));
    }


}
