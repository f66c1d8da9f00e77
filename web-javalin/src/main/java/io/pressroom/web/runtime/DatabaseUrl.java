package io.pressroom.web.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Where the database is: a JDBC URL plus the user and password to log in with (null: taken from
 * the URL itself). Read from {@code DATABASE_URL} in the {@code postgres://user:pass@host:port/db?sslmode=…}
 * form (Railway, Heroku, Render) or as a {@code jdbc:postgresql://…} URL, or from libpq's
 * {@code PGHOST}/{@code PGPORT}/{@code PGUSER}/{@code PGPASSWORD}/{@code PGDATABASE}/{@code PGSSLMODE}.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static final int DEFAULT_PORT = 5432;

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(jdbcUrl));
        }
    }

    /**
     * Parses {@code postgres://}, {@code postgresql://} and {@code jdbc:postgresql://} URLs. The
     * user and password of the {@code postgres://} form are percent-decoded (a password may hold
     * {@code @ : / ? #} when encoded, and an unencoded {@code @} is tolerated); the query
     * ({@code sslmode}, …) is kept; a missing port means 5432, a missing database the user's name.
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is empty");
        }
        String u = url.strip();
        if (u.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(u, null, null);
        }
        String rest;
        if (u.startsWith("postgres://")) {
            rest = u.substring("postgres://".length());
        } else if (u.startsWith("postgresql://")) {
            rest = u.substring("postgresql://".length());
        } else {
            throw new IllegalArgumentException("DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql://, was '"
                    + redact(u) + "'");
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
            if (user.isEmpty()) {
                user = null;
            }
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String hostPort = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1)) : "";
        String host;
        int port = DEFAULT_PORT;
        if (hostPort.startsWith("[")) { // IPv6 literal
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("DATABASE_URL has an unclosed IPv6 host: '" + redact(u) + "'");
            }
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (after.startsWith(":") && after.length() > 1) {
                port = port(after.substring(1), u);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            if (colon >= 0 && colon < hostPort.length() - 1) {
                port = port(hostPort.substring(colon + 1), u);
            }
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        if (database.isEmpty()) {
            database = user == null ? "postgres" : user;
        }
        String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + encodePath(database) + (query.isEmpty() ? "" : "?" + query);
        return new DatabaseUrl(jdbc, user, password);
    }

    /**
     * The database the environment names: {@code DATABASE_URL}, else libpq's variables when
     * {@code PGHOST} or {@code PGDATABASE} is set; null when none (the embedded database).
     */
    public static DatabaseUrl fromEnvironment(Map<String, String> env) {
        String url = env.get("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            DatabaseUrl parsed = parse(url);
            if (parsed.user() == null && !parsed.jdbcUrl().contains("user=") && env.get("PGUSER") != null) {
                return new DatabaseUrl(parsed.jdbcUrl(), env.get("PGUSER"), env.get("PGPASSWORD"));
            }
            return parsed;
        }
        String host = blankToNull(env.get("PGHOST"));
        String database = blankToNull(env.get("PGDATABASE"));
        if (host == null && database == null) {
            return null;
        }
        String user = blankToNull(env.get("PGUSER"));
        String portText = blankToNull(env.get("PGPORT"));
        int port = portText == null ? DEFAULT_PORT : port(portText, "PGPORT=" + portText);
        String sslmode = blankToNull(env.get("PGSSLMODE"));
        if (host == null) {
            host = "localhost";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        if (database == null) {
            database = user == null ? "postgres" : user;
        }
        String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + encodePath(database)
                + (sslmode == null ? "" : "?sslmode=" + sslmode);
        return new DatabaseUrl(jdbc, user == null ? "postgres" : user, blankToNull(env.get("PGPASSWORD")));
    }

    /** For logs: the URL without any password, and the user. */
    public String describe() {
        return redact(jdbcUrl) + (user == null ? "" : " as " + user);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + describe() + "]";
    }

    /** Removes {@code password=…} query parameters and {@code user:password@} userinfo. */
    static String redact(String url) {
        String s = url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
        return s.replaceAll("://([^/@]*):[^/]*@", "://$1:***@");
    }

    private static int port(String text, String context) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the database port must be a number from 1 to 65535, was '" + text
                    + "' in " + redact(context));
        }
    }

    /** Percent-decoding for URL parts ({@code +} stays a plus: this is not form encoding). */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String encodePath(String database) {
        StringBuilder b = new StringBuilder();
        for (byte x : database.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
