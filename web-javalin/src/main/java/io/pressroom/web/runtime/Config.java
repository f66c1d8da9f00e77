package io.pressroom.web.runtime;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's configuration, read from the environment (12-factor); command-line flags
 * override it through the {@code with…} methods. {@link #env()} keeps the whole environment so
 * each area reads its own keys (e.g. {@code QueueSettings.fromEnvironment(config.env())}).
 *
 * @param database         the external database, or null for the embedded one under {@code dataDir/pg}
 * @param embeddedDbPort   the embedded PostgreSQL's port ({@code PRESSROOM_EMBEDDED_DB_PORT}; 0: any free port)
 */
public record Config(DatabaseUrl database, String host, int port, Path dataDir, Path storageDir, boolean migrateOnStart,
                     long maxUploadBytes, String secretKey, List<String> trustedProxies, int dbPoolSize,
                     int embeddedDbPort, Map<String, String> env) {

    public static final int DEFAULT_PORT = 7070;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 2L * 1024 * 1024 * 1024;
    public static final int DEFAULT_POOL_SIZE = 10;

    public Config {
        trustedProxies = List.copyOf(trustedProxies);
        env = Map.copyOf(env);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT must be from 0 to 65535, was " + port);
        }
        if (dbPoolSize < 1) {
            throw new IllegalArgumentException("PRESSROOM_DB_POOL_SIZE must be >= 1, was " + dbPoolSize);
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("PRESSROOM_MAX_UPLOAD_BYTES must be >= 1, was " + maxUploadBytes);
        }
    }

    public static Config fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static Config fromEnvironment(Map<String, String> env) {
        Path dataDir = Path.of(get(env, "PRESSROOM_DATA_DIR", "./data"));
        String storage = env.get("PRESSROOM_STORAGE_DIR");
        return new Config(
                DatabaseUrl.fromEnvironment(env),
                get(env, "PRESSROOM_HOST", "0.0.0.0"),
                integer(env, "PORT", DEFAULT_PORT),
                dataDir,
                storage == null || storage.isBlank() ? dataDir.resolve("files") : Path.of(storage.strip()),
                bool(env, "PRESSROOM_MIGRATE_ON_START", true),
                longValue(env, "PRESSROOM_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES),
                blankToNull(env.get("PRESSROOM_SECRET_KEY")),
                proxies(get(env, "PRESSROOM_TRUSTED_PROXIES", "")),
                integer(env, "PRESSROOM_DB_POOL_SIZE", DEFAULT_POOL_SIZE),
                integer(env, "PRESSROOM_EMBEDDED_DB_PORT", 0),
                env);
    }

    /** True when no database is configured: the embedded PostgreSQL is used. */
    public boolean embeddedDatabase() {
        return database == null;
    }

    /** Where the embedded PostgreSQL keeps its data. */
    public Path embeddedDbDir() {
        return dataDir.resolve("pg");
    }

    public Config withDatabase(DatabaseUrl database) {
        return new Config(database, host, port, dataDir, storageDir, migrateOnStart, maxUploadBytes, secretKey,
                trustedProxies, dbPoolSize, embeddedDbPort, env);
    }

    public Config withPort(int port) {
        return new Config(database, host, port, dataDir, storageDir, migrateOnStart, maxUploadBytes, secretKey,
                trustedProxies, dbPoolSize, embeddedDbPort, env);
    }

    public Config withHost(String host) {
        return new Config(database, host, port, dataDir, storageDir, migrateOnStart, maxUploadBytes, secretKey,
                trustedProxies, dbPoolSize, embeddedDbPort, env);
    }

    /** Also moves the default storage directory when it was not set on its own. */
    public Config withDataDir(Path dataDir) {
        Path storage = storageDir.equals(this.dataDir.resolve("files")) ? dataDir.resolve("files") : storageDir;
        return new Config(database, host, port, dataDir, storage, migrateOnStart, maxUploadBytes, secretKey,
                trustedProxies, dbPoolSize, embeddedDbPort, env);
    }

    public Config withStorageDir(Path storageDir) {
        return new Config(database, host, port, dataDir, storageDir, migrateOnStart, maxUploadBytes, secretKey,
                trustedProxies, dbPoolSize, embeddedDbPort, env);
    }

    public Config withMigrateOnStart(boolean migrateOnStart) {
        return new Config(database, host, port, dataDir, storageDir, migrateOnStart, maxUploadBytes, secretKey,
                trustedProxies, dbPoolSize, embeddedDbPort, env);
    }

    public Config withMaxUploadBytes(long maxUploadBytes) {
        return new Config(database, host, port, dataDir, storageDir, migrateOnStart, maxUploadBytes, secretKey,
                trustedProxies, dbPoolSize, embeddedDbPort, env);
    }

    public Config withDbPoolSize(int dbPoolSize) {
        return new Config(database, host, port, dataDir, storageDir, migrateOnStart, maxUploadBytes, secretKey,
                trustedProxies, dbPoolSize, embeddedDbPort, env);
    }

    public Config withEmbeddedDbPort(int embeddedDbPort) {
        return new Config(database, host, port, dataDir, storageDir, migrateOnStart, maxUploadBytes, secretKey,
                trustedProxies, dbPoolSize, embeddedDbPort, env);
    }

    @Override
    public String toString() {
        return "Config[database=" + (database == null ? "embedded (" + embeddedDbDir() + ")" : database.describe())
                + ", listen=" + host + ":" + port + ", dataDir=" + dataDir + ", storageDir=" + storageDir
                + ", migrateOnStart=" + migrateOnStart + ", maxUploadBytes=" + maxUploadBytes
                + ", secretKey=" + (secretKey == null ? "unset" : "set") + ", trustedProxies=" + trustedProxies
                + ", dbPoolSize=" + dbPoolSize + "]";
    }

    /** Comma-separated IP addresses or CIDR blocks (IPv4 or IPv6); anything else is refused. */
    static List<String> proxies(String text) {
        List<String> list = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String entry : list) {
            String address = entry;
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                address = entry.substring(0, slash);
                int bits;
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("PRESSROOM_TRUSTED_PROXIES: bad prefix length in '" + entry + "'");
                }
                if (bits < 0 || bits > (address.contains(":") ? 128 : 32)) {
                    throw new IllegalArgumentException("PRESSROOM_TRUSTED_PROXIES: bad prefix length in '" + entry + "'");
                }
            }
            if (!address.matches("[0-9.]+") && !address.matches("[0-9a-fA-F:.]+") || !isLiteral(address)) {
                throw new IllegalArgumentException("PRESSROOM_TRUSTED_PROXIES: '" + entry
                        + "' is not an IP address or CIDR block (host names are not accepted)");
            }
        }
        return list;
    }

    private static boolean isLiteral(String address) {
        if (!address.contains(":")) {
            String[] parts = address.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                    return false;
                }
            }
            return true;
        }
        try {
            // an IPv6 literal (it contains a colon) is parsed, never looked up
            InetAddress.getByName(address);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String get(Map<String, String> env, String key, String defaultValue) {
        String v = env.get(key);
        return v == null || v.isBlank() ? defaultValue : v.strip();
    }

    private static int integer(Map<String, String> env, String key, int defaultValue) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
        }
    }

    private static long longValue(Map<String, String> env, String key, long defaultValue) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of bytes, was '" + v + "'");
        }
    }

    static boolean bool(Map<String, String> env, String key, boolean defaultValue) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, was '" + v + "'");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
