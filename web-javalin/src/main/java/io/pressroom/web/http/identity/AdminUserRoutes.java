package io.pressroom.web.http.identity;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pressroom.domain.identity.AdministerUsers;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.identity.User;
import io.pressroom.web.http.Auth;
import io.pressroom.web.http.Problems;
import io.pressroom.web.http.Requests;
import io.pressroom.web.http.identity.IdentityDtos.AdminUserPage;
import io.pressroom.web.http.identity.IdentityDtos.AdminUserResponse;
import io.pressroom.web.http.identity.IdentityDtos.ResetTokenResponse;
import io.pressroom.web.http.identity.IdentityDtos.SetSystemAdminRequest;

/** {@code /api/admin/users}: system admins list accounts, grant or withdraw system admin, issue reset tokens. */
public final class AdminUserRoutes {
    private final AdministerUsers users;
    private final Auth auth;
    private final Requests requests;

    public AdminUserRoutes(AdministerUsers users, Auth auth, Requests requests) {
        this.users = users;
        this.auth = auth;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/admin/users", this::list);
        routes.get("/api/admin/users/{id}", this::one);
        routes.patch("/api/admin/users/{id}", this::patch);
        routes.post("/api/admin/users/{id}/password-reset", this::issueReset);
    }

    private void list(Context ctx) {
        var caller = auth.user(ctx);
        caller.requireSystemAdmin();
        Page<User> page = users.listUsers(caller, Requests.page(ctx), ctx.queryParam("email"));
        ctx.json(new AdminUserPage(page.items().stream().map(AdminUserResponse::from).toList(), page.nextCursor()));
    }

    private void one(Context ctx) {
        var caller = auth.user(ctx);
        caller.requireSystemAdmin();
        ctx.json(AdminUserResponse.from(users.user(caller, Requests.uuid(ctx, "id"))));
    }

    private void patch(Context ctx) {
        var caller = auth.user(ctx);
        caller.requireSystemAdmin();
        var id = Requests.uuid(ctx, "id");
        SetSystemAdminRequest body = requests.body(ctx, SetSystemAdminRequest.class);
        if (body.isSystemAdmin() == null) {
            throw Problems.BadRequest.field("isSystemAdmin", "isSystemAdmin (true or false) is the one field that can be changed");
        }
        ctx.json(AdminUserResponse.from(users.setSystemAdmin(caller, id, body.isSystemAdmin())));
    }

    private void issueReset(Context ctx) {
        var caller = auth.user(ctx);
        caller.requireSystemAdmin();
        var id = Requests.uuid(ctx, "id");
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(ResetTokenResponse.from(users.issuePasswordReset(caller, id)));
    }
}
