package io.pressroom.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.pressroom.domain.shared.DomainException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: domain exceptions by kind, malformed input
 * as 400, Javalin's own errors (404, 405, 413…) as problems too. An unexpected exception is
 * logged with its stack and answered 500 without internals.
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private final ObjectMapper mapper;

    public Problems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void register(RoutesConfig routes) {
        routes.exception(DomainException.class, (e, ctx) -> domain(e, ctx));
        routes.exception(BadRequest.class, (e, ctx) ->
                write(ctx, new Problem(Problem.TYPE_BASE + e.code(), "Bad Request", 400, e.getMessage(), e.code(),
                        ctx.path(), e.fieldErrors().isEmpty() ? null : e.fieldErrors(), null)));
        routes.exception(JsonProcessingException.class, (e, ctx) -> json(e, ctx));
        routes.exception(Requests.RuntimeJson.class, (e, ctx) -> json((JsonProcessingException) e.getCause(), ctx));
        routes.exception(IllegalArgumentException.class, (e, ctx) ->
                write(ctx, Problem.of(400, "Bad Request", "validation.failed", e.getMessage(), ctx.path())));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            write(ctx, Problem.of(status, HttpStatus.forStatus(status).getMessage(), codeFor(status),
                    e.getMessage(), ctx.path()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (databaseUnavailable(e)) {
                LOG.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", "5");
                write(ctx, Problem.of(503, "Service Unavailable", "database.unavailable",
                        "the database cannot be reached right now; retry shortly", ctx.path()));
                return;
            }
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, Problem.of(500, "Internal Server Error", "internal",
                    "Something went wrong on our side; it has been logged.", ctx.path()));
        });
        for (int status : new int[] {404, 405, 413, 415}) {
            routes.error(status, "*", ctx -> {
                if (!isProblem(ctx)) {
                    write(ctx, Problem.of(status, HttpStatus.forStatus(status).getMessage(), codeFor(status),
                            defaultDetail(status, ctx), ctx.path()));
                }
            });
        }
    }

    /**
     * True when {@code e} comes from a database that cannot be reached (the pool timed out
     * waiting for a connection, or PostgreSQL answered with a connection-class SQLSTATE 08xxx,
     * 57P01-03 shutdown/cannot-connect-now): answered 503, not 500, so clients and load
     * balancers retry.
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void domain(DomainException e, Context ctx) {
        int status = statusOf(e);
        if (e instanceof DomainException.TooManyRequests t) {
            ctx.header("Retry-After", Long.toString(t.retryAfterSeconds()));
        }
        if (e instanceof DomainException.Unauthenticated) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        Map<String, String> errors = e instanceof DomainException.Invalid i && !i.fieldErrors().isEmpty() ? i.fieldErrors() : null;
        write(ctx, new Problem(Problem.TYPE_BASE + e.code(), HttpStatus.forStatus(status).getMessage(), status,
                e.getMessage(), e.code(), ctx.path(), errors, e.data().isEmpty() ? null : e.data()));
    }

    static int statusOf(DomainException e) {
        if (e instanceof DomainException.NotFound) {
            return 404;
        } else if (e instanceof DomainException.Conflict) {
            return 409;
        } else if (e instanceof DomainException.Forbidden) {
            return 403;
        } else if (e instanceof DomainException.Invalid) {
            return 400;
        } else if (e instanceof DomainException.Unauthenticated) {
            return 401;
        } else if (e instanceof DomainException.TooManyRequests) {
            return 429;
        } else if (e instanceof DomainException.Unavailable) {
            return 503;
        } else if (e instanceof DomainException.PayloadTooLarge) {
            return 413;
        }
        throw new IllegalStateException("unmapped " + e.getClass());
    }

    private void json(JsonProcessingException e, Context ctx) {
        String field = e instanceof JsonMappingException m ? path(m) : null;
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + u.getPropertyName() + "' (it cannot be set here)";
        } else if (e instanceof InvalidFormatException f) {
            detail = "'" + field + "' has the wrong value or type: " + String.valueOf(f.getValue());
        } else if (e instanceof MismatchedInputException) {
            detail = field == null || field.isEmpty() ? "the body must be a JSON object" : "'" + field + "' has the wrong type";
        } else {
            detail = "the body is not valid JSON: " + e.getOriginalMessage();
        }
        Map<String, String> errors = field == null || field.isEmpty() ? null : Map.of(field, detail);
        write(ctx, new Problem(Problem.TYPE_BASE + "request.malformed", "Bad Request", 400, detail, "request.malformed",
                ctx.path(), errors, null));
    }

    private static String path(JsonMappingException m) {
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private void write(Context ctx, Problem problem) {
        try {
            ctx.status(problem.status());
            ctx.contentType(Problem.CONTENT_TYPE);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", problem.type());
            body.put("title", problem.title());
            body.put("status", problem.status());
            body.put("detail", problem.detail());
            body.put("code", problem.code());
            body.put("instance", problem.instance());
            if (problem.errors() != null) {
                body.put("errors", problem.errors());
            }
            if (problem.data() != null) {
                // extension members never replace RFC 9457's own (a job's "status" would hide the HTTP one)
                problem.data().forEach(body::putIfAbsent);
            }
            ctx.result(mapper.writeValueAsBytes(body)); // UTF-8 whatever the response's default charset
        } catch (JsonProcessingException ex) {
            ctx.status(500).result("{\"status\":500}");
        }
    }

    private static boolean isProblem(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null && ct.startsWith(Problem.CONTENT_TYPE);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "request.malformed";
            case 401 -> "auth.required";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "payload-too-large";
            case 415 -> "request.unsupported-media-type";
            case 429 -> "too-many-requests";
            case 503 -> "unavailable";
            default -> "http-" + status;
        };
    }

    private static String defaultDetail(int status, Context ctx) {
        return switch (status) {
            case 404 -> "no resource at " + ctx.method() + " " + ctx.path();
            case 405 -> ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "the request body is too large";
            case 415 -> "unsupported content type";
            default -> HttpStatus.forStatus(status).getMessage();
        };
    }

    /** Thrown by handlers for malformed request parts (bad UUID in a path, bad query parameter). */
    public static final class BadRequest extends RuntimeException {
        private final String code;
        private final Map<String, String> fieldErrors;

        public BadRequest(String code, String message, Map<String, String> fieldErrors) {
            super(message);
            this.code = code;
            this.fieldErrors = fieldErrors == null ? Map.of() : Map.copyOf(fieldErrors);
        }

        public static BadRequest field(String field, String message) {
            return new BadRequest("request.malformed", message, Map.of(field, message));
        }

        public String code() {
            return code;
        }

        public Map<String, String> fieldErrors() {
            return fieldErrors;
        }
    }
}
