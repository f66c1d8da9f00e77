package io.pressroom.domain.printjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueSettingsTest {
    @Test
    void defaults() {
        QueueSettings s = QueueSettings.fromEnvironment(Map.of());
        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.sweepInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.maxAttempts()).isEqualTo(3);
    }

    @Test
    void sweepIsHalfTheLeaseAtMostThirtySeconds() {
        assertThat(QueueSettings.fromEnvironment(Map.of("PRESSROOM_JOB_LEASE_SECONDS", "20")).sweepInterval())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(QueueSettings.fromEnvironment(Map.of("PRESSROOM_JOB_LEASE_SECONDS", "600")).sweepInterval())
                .isEqualTo(Duration.ofSeconds(30));
        QueueSettings s = QueueSettings.fromEnvironment(Map.of("PRESSROOM_JOB_LEASE_SECONDS", "90",
                "PRESSROOM_JOB_SWEEP_SECONDS", "5", "PRESSROOM_JOB_MAX_ATTEMPTS", "7"));
        assertThat(s).isEqualTo(new QueueSettings(Duration.ofSeconds(90), Duration.ofSeconds(5), 7));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> QueueSettings.fromEnvironment(Map.of("PRESSROOM_JOB_MAX_ATTEMPTS", "0")))
                .hasMessageContaining("PRESSROOM_JOB_MAX_ATTEMPTS");
        assertThatThrownBy(() -> QueueSettings.fromEnvironment(Map.of("PRESSROOM_JOB_LEASE_SECONDS", "soon")))
                .hasMessageContaining("PRESSROOM_JOB_LEASE_SECONDS");
    }
}
