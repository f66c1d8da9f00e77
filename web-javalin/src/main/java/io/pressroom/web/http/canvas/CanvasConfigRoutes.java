package io.pressroom.web.http.canvas;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pressroom.domain.canvas.CanvasConfig;
import io.pressroom.domain.canvas.ManageCanvasConfigs;
import io.pressroom.domain.shared.Page;
import io.pressroom.web.http.Auth;
import io.pressroom.web.http.Requests;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code /api/canvas-configs}: members keep the canvas sizes they print on. */
public final class CanvasConfigRoutes {
    private final ManageCanvasConfigs configs;
    private final Auth auth;
    private final Requests requests;

    public CanvasConfigRoutes(ManageCanvasConfigs configs, Auth auth, Requests requests) {
        this.configs = configs;
        this.auth = auth;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/canvas-configs", this::list);
        routes.post("/api/canvas-configs", this::create);
        routes.get("/api/canvas-configs/{id}", this::get);
        routes.patch("/api/canvas-configs/{id}", this::update);
        routes.delete("/api/canvas-configs/{id}", this::delete);
    }

    /** The writable fields (create: name, widthInches, heightInches required; PATCH: absent stays). */
    public record CanvasConfigInput(String name, Double widthInches, Double heightInches, Integer dpi, Double spacingWidthInches,
                                    Double spacingHeightInches) {
        ManageCanvasConfigs.Draft toDraft() {
            return new ManageCanvasConfigs.Draft(name, widthInches, heightInches, dpi, spacingWidthInches, spacingHeightInches);
        }
    }

    /** {@code organizationId} null: a legacy row not yet adopted (it belongs to its creator). */
    public record CanvasConfigBody(UUID id, UUID organizationId, String name, Double widthInches, Double heightInches, int dpi,
                                   double spacingWidthInches, double spacingHeightInches, Instant createdAt, Instant updatedAt) {
        public static CanvasConfigBody from(CanvasConfig c) {
            return new CanvasConfigBody(c.id(), c.organizationId(), c.name(), c.widthInches(), c.heightInches(), c.dpi(),
                    c.spacingWidthInches(), c.spacingHeightInches(), c.createdAt(), c.updatedAt());
        }
    }

    public record CanvasConfigPage(List<CanvasConfigBody> items, String nextCursor) {
        static CanvasConfigPage from(Page<CanvasConfig> p) {
            return new CanvasConfigPage(p.items().stream().map(CanvasConfigBody::from).toList(), p.nextCursor());
        }
    }

    private void list(Context ctx) {
        ctx.json(CanvasConfigPage.from(configs.list(auth.member(ctx), Requests.page(ctx))));
    }

    private void create(Context ctx) {
        var caller = auth.member(ctx);
        CanvasConfig c = configs.create(caller, requests.body(ctx, CanvasConfigInput.class).toDraft());
        ctx.status(201).header("Location", "/api/canvas-configs/" + c.id()).json(CanvasConfigBody.from(c));
    }

    private void get(Context ctx) {
        ctx.json(CanvasConfigBody.from(configs.get(auth.member(ctx), Requests.uuid(ctx, "id"))));
    }

    private void update(Context ctx) {
        var caller = auth.member(ctx);
        UUID id = Requests.uuid(ctx, "id");
        ctx.json(CanvasConfigBody.from(configs.update(caller, id, requests.body(ctx, CanvasConfigInput.class).toDraft())));
    }

    private void delete(Context ctx) {
        configs.delete(auth.member(ctx), Requests.uuid(ctx, "id"));
        ctx.status(204);
    }
}
