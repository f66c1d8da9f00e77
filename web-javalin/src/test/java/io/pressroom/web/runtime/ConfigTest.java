package io.pressroom.web.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaults() {
        Config c = Config.fromEnvironment(Map.of());
        assertThat(c.embeddedDatabase()).isTrue();
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.embeddedDbDir()).isEqualTo(Path.of("./data/pg"));
        assertThat(c.storageDir()).isEqualTo(Path.of("./data/files"));
        assertThat(c.migrateOnStart()).isTrue();
        assertThat(c.maxUploadBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(c.secretKey()).isNull();
        assertThat(c.trustedProxies()).isEmpty();
        assertThat(c.dbPoolSize()).isEqualTo(10);
    }

    @Test
    void fromTheEnvironmentWhichIsKeptWhole() {
        Config c = Config.fromEnvironment(Map.of("PORT", "8080", "PRESSROOM_STORAGE_DIR", "/nas/prints",
                "PRESSROOM_MIGRATE_ON_START", "false", "PRESSROOM_MAX_UPLOAD_BYTES", "1048576", "PRESSROOM_SECRET_KEY", "k",
                "PRESSROOM_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.7,::1,fd00::/8", "PRESSROOM_DATA_DIR", "/var/lib/pressroom",
                "PRESSROOM_DB_POOL_SIZE", "4", "PRESSROOM_JOB_LEASE_SECONDS", "90"));
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.storageDir()).isEqualTo(Path.of("/nas/prints"));
        assertThat(c.embeddedDbDir()).isEqualTo(Path.of("/var/lib/pressroom/pg"));
        assertThat(c.migrateOnStart()).isFalse();
        assertThat(c.maxUploadBytes()).isEqualTo(1_048_576L);
        assertThat(c.secretKey()).isEqualTo("k");
        assertThat(c.trustedProxies()).containsExactly("10.0.0.0/8", "192.168.1.7", "::1", "fd00::/8");
        assertThat(c.dbPoolSize()).isEqualTo(4);
        assertThat(c.env()).containsEntry("PRESSROOM_JOB_LEASE_SECONDS", "90");
        assertThat(c.toString()).doesNotContain("secretKey=k");
    }

    @Test
    void flagsOverride() {
        Config c = Config.fromEnvironment(Map.of("PORT", "8080")).withPort(9090).withDataDir(Path.of("/tmp/x"));
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.storageDir()).isEqualTo(Path.of("/tmp/x/files"));
    }

    @Test
    void badValuesAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("PORT", "http"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("PRESSROOM_MIGRATE_ON_START", "maybe")))
                .hasMessageContaining("PRESSROOM_MIGRATE_ON_START");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("PRESSROOM_TRUSTED_PROXIES", "proxy.example.com")))
                .hasMessageContaining("PRESSROOM_TRUSTED_PROXIES");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("PRESSROOM_TRUSTED_PROXIES", "10.0.0.0/33")))
                .hasMessageContaining("prefix");
        assertThat(Config.proxies("")).isEqualTo(List.of());
    }
}
