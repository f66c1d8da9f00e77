package io.pressroom.web.http.shop;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shop.ManageShops;
import io.pressroom.domain.shop.Shop;
import io.pressroom.web.http.Auth;
import io.pressroom.web.http.Requests;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/shops}: admins create, change and delete; members read. {@code shopConfig}
 * values are write-only: every answer shows the keys with masked values.
 */
public final class ShopRoutes {
    private final ManageShops shops;
    private final Auth auth;
    private final Requests requests;

    public ShopRoutes(ManageShops shops, Auth auth, Requests requests) {
        this.shops = shops;
        this.auth = auth;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/shops", this::list);
        routes.post("/api/shops", this::create);
        routes.get("/api/shops/{id}", this::get);
        routes.patch("/api/shops/{id}", this::update);
        routes.delete("/api/shops/{id}", this::delete);
    }

    /** What may be written when creating a shop. */
    public record CreateShop(String name, String platform, String platformShopId, Map<String, Object> shopConfig, Boolean isActive) {
        ManageShops.Draft toDraft() {
            return new ManageShops.Draft(name, platform, platformShopId, shopConfig, isActive);
        }
    }

    /** What may be changed; absent fields stay; a {@code shopConfig} key set to null is removed. */
    public record UpdateShop(String name, String platform, String platformShopId, Map<String, Object> shopConfig, Boolean isActive) {
        ManageShops.Changes toChanges() {
            return new ManageShops.Changes(name, platform, platformShopId, shopConfig, isActive);
        }
    }

    public record ShopBody(UUID id, UUID organizationId, String name, String platform, String platformShopId,
                           Map<String, String> shopConfig, boolean isActive, Instant createdAt, Instant updatedAt) {
        public static ShopBody from(Shop s) {
            return new ShopBody(s.id(), s.organizationId(), s.name(), s.platform().wire(), s.platformShopId(), s.maskedConfig(),
                    s.active(), s.createdAt(), s.updatedAt());
        }
    }

    public record ShopPage(List<ShopBody> items, String nextCursor) {
        static ShopPage from(Page<Shop> p) {
            return new ShopPage(p.items().stream().map(ShopBody::from).toList(), p.nextCursor());
        }
    }

    private void list(Context ctx) {
        ctx.json(ShopPage.from(shops.list(auth.member(ctx), Requests.page(ctx))));
    }

    private void create(Context ctx) {
        var caller = auth.member(ctx);
        Shop s = shops.create(caller, requests.body(ctx, CreateShop.class).toDraft());
        ctx.status(201).header("Location", "/api/shops/" + s.id()).json(ShopBody.from(s));
    }

    private void get(Context ctx) {
        ctx.json(ShopBody.from(shops.get(auth.member(ctx), Requests.uuid(ctx, "id"))));
    }

    private void update(Context ctx) {
        var caller = auth.member(ctx);
        UUID id = Requests.uuid(ctx, "id");
        ctx.json(ShopBody.from(shops.update(caller, id, requests.body(ctx, UpdateShop.class).toChanges())));
    }

    private void delete(Context ctx) {
        shops.delete(auth.member(ctx), Requests.uuid(ctx, "id"));
        ctx.status(204);
    }
}
