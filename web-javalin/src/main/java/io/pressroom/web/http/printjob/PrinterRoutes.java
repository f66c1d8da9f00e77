package io.pressroom.web.http.printjob;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pressroom.domain.printer.ManagePrinterKeys;
import io.pressroom.domain.printer.ManagePrinters;
import io.pressroom.domain.shared.Caller;
import io.pressroom.web.http.Auth;
import io.pressroom.web.http.Requests;
import io.pressroom.web.http.organization.OrganizationDtos.PageBody;
import io.pressroom.web.http.printjob.QueueDtos.IssuedKeyBody;
import io.pressroom.web.http.printjob.QueueDtos.KeyBody;
import io.pressroom.web.http.printjob.QueueDtos.PrinterBody;
import io.pressroom.web.http.printjob.QueueDtos.PrinterFields;
import java.util.UUID;

/** Printers (admins write, members read) and their API keys (admins). */
public final class PrinterRoutes {
    private final ManagePrinters printers;
    private final ManagePrinterKeys keys;
    private final Auth auth;
    private final Requests requests;

    public PrinterRoutes(ManagePrinters printers, ManagePrinterKeys keys, Auth auth, Requests requests) {
        this.printers = printers;
        this.keys = keys;
        this.auth = auth;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/printers", ctx -> ctx.json(PageBody.of(printers.list(auth.member(ctx), Requests.page(ctx)), this::body)));
        routes.post("/api/printers", this::create);
        routes.get("/api/printers/{id}", ctx -> ctx.json(body(printers.get(auth.member(ctx), Requests.uuid(ctx, "id")))));
        routes.patch("/api/printers/{id}", this::update);
        routes.delete("/api/printers/{id}", ctx -> {
            printers.delete(auth.member(ctx), Requests.uuid(ctx, "id"));
            ctx.status(204);
        });
        routes.get("/api/printers/{id}/keys", ctx -> ctx.json(java.util.Map.of("items",
                keys.list(auth.member(ctx), Requests.uuid(ctx, "id")).stream().map(KeyBody::from).toList())));
        routes.post("/api/printers/{id}/keys", ctx -> {
            Caller caller = auth.member(ctx);
            ctx.status(201).json(IssuedKeyBody.from(keys.issue(caller, Requests.uuid(ctx, "id"))));
        });
        routes.delete("/api/printers/{id}/keys/{keyId}", ctx -> {
            keys.revoke(auth.member(ctx), Requests.uuid(ctx, "id"), Requests.uuid(ctx, "keyId"));
            ctx.status(204);
        });
    }

    private PrinterBody body(io.pressroom.domain.printer.Printer p) {
        return PrinterBody.from(p, printers.online(p));
    }

    private void create(Context ctx) {
        Caller caller = auth.member(ctx);
        PrinterFields body = requests.body(ctx, PrinterFields.class);
        ctx.status(201).json(body(printers.create(caller, body.toDraft())));
    }

    private void update(Context ctx) {
        Caller caller = auth.member(ctx);
        UUID id = Requests.uuid(ctx, "id");
        PrinterFields body = requests.body(ctx, PrinterFields.class);
        ctx.json(body(printers.update(caller, id, body.toPatch())));
    }
}
