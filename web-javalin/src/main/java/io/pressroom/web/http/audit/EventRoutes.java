package io.pressroom.web.http.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pressroom.domain.audit.AuditEvent;
import io.pressroom.domain.audit.EventFilter;
import io.pressroom.domain.audit.ReadAuditTrail;
import io.pressroom.domain.shared.Caller;
import io.pressroom.web.http.Auth;
import io.pressroom.web.http.Problems;
import io.pressroom.web.http.Requests;
import io.pressroom.web.http.organization.OrganizationDtos.PageBody;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/**
 * The audit trail: {@code GET /api/events} (the selected organization's, for its admins) and
 * {@code GET /api/admin/events} (events of no organization, for system admins), each with an
 * {@code /export?format=csv|ndjson} that streams rows as the database cursor yields them.
 */
public final class EventRoutes {
    private final ReadAuditTrail trail;
    private final Auth auth;
    private final ObjectMapper mapper;

    public EventRoutes(ReadAuditTrail trail, Auth auth, ObjectMapper mapper) {
        this.trail = trail;
        this.auth = auth;
        this.mapper = mapper;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/events", ctx -> list(ctx, false));
        routes.get("/api/events/export", ctx -> export(ctx, false));
        routes.get("/api/admin/events", ctx -> list(ctx, true));
        routes.get("/api/admin/events/export", ctx -> export(ctx, true));
    }

    public record EventBody(UUID id, UUID organizationId, UUID userId, String eventType, String entityType, UUID entityId,
                            Map<String, Object> eventData, String ipAddress, String userAgent, Instant createdAt) {
        public static EventBody from(AuditEvent e) {
            return new EventBody(e.id(), e.organizationId(), e.userId(), e.eventType(), e.entityType(), e.entityId(), e.eventData(),
                    e.ipAddress(), e.userAgent(), e.createdAt());
        }
    }

    private Caller caller(Context ctx, boolean system) {
        if (system) {
            Caller c = auth.user(ctx);
            c.requireSystemAdmin();
            return c;
        }
        Caller c = auth.member(ctx);
        c.requireAdmin();
        return c;
    }

    private void list(Context ctx, boolean system) {
        Caller caller = caller(ctx, system);
        EventFilter filter = filter(ctx);
        var page = Requests.page(ctx);
        var result = system ? trail.listSystem(caller, filter, page) : trail.list(caller, filter, page);
        ctx.json(PageBody.of(result, EventBody::from));
    }

    private void export(Context ctx, boolean system) throws IOException {
        Caller caller = caller(ctx, system);
        EventFilter filter = filter(ctx);
        String format = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format");
        EventExport writer = switch (format) {
            case "csv" -> new EventExport.Csv(mapper);
            case "ndjson" -> new EventExport.Ndjson(mapper);
            default -> throw Problems.BadRequest.field("format", "format must be csv or ndjson, was '" + abbreviate(format) + "'");
        };
        ctx.status(200);
        ctx.contentType(writer.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"events-" + Instant.now().toString().replace(':', '-')
                + "." + format + "\"");
        ctx.header("Cache-Control", "no-store");
        // straight to the servlet stream, in a small buffer: rows leave as the cursor yields them
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8), 8192);
        writer.header(out);
        try {
            if (system) {
                trail.exportSystem(caller, filter, e -> write(writer, out, e));
            } else {
                trail.export(caller, filter, e -> write(writer, out, e));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away: nothing more to send
        }
        out.flush();
    }

    private static void write(EventExport writer, Writer out, AuditEvent e) {
        try {
            writer.row(out, e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static EventFilter filter(Context ctx) {
        return new EventFilter(ctx.queryParam("entityType"), Requests.uuidQuery(ctx, "entityId"), ctx.queryParam("eventType"),
                Requests.uuidQuery(ctx, "userId"), instant(ctx, "from"), instant(ctx, "to"));
    }

    private static Instant instant(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException e2) {
                throw Problems.BadRequest.field(name, name + " must be an ISO-8601 timestamp such as 2026-01-31T12:00:00Z, was '"
                        + abbreviate(raw) + "'");
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
