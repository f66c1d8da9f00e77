package io.pressroom.domain.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.domain.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrinterTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static Printer printer(Double w, Double h, Integer dpi) {
        return Printer.create(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                new Printer.Draft("DTF 1", "dtf", w, h, dpi, List.of(), null, null, null, Map.of()), NOW);
    }

    @Test
    void validSizesAndDpi() {
        Printer p = printer(22.0, 100.0, null);
        assertThat(p.dpi()).isEqualTo(300);
        assertThat(p.active()).isTrue();
        assertThat(p.fits(100, 22)).isTrue();
        assertThat(p.fits(23, 23)).isFalse();
    }

    @Test
    void refusesNonPositiveSizesAndInsaneDpi() {
        assertThatThrownBy(() -> printer(-3.0, 10.0, 20000))
                .isInstanceOfSatisfying(DomainException.Invalid.class,
                        e -> assertThat(e.fieldErrors()).containsKeys("maxWidthInches", "dpi"));
        assertThatThrownBy(() -> printer(null, 10.0, 300))
                .isInstanceOfSatisfying(DomainException.Invalid.class,
                        e -> assertThat(e.fieldErrors()).containsKey("maxWidthInches"));
        assertThatThrownBy(() -> printer(1.0, 1.0, 300).apply(
                new Printer.Patch(null, "DTF!", null, null, null, null, null, null, null, null), NOW))
                .isInstanceOf(DomainException.Invalid.class);
    }

    @Test
    void onlineWithinTwoLeases() {
        Printer p = printer(1.0, 1.0, 300);
        assertThat(p.online(NOW, Duration.ofSeconds(60))).isFalse();
        Printer seen = new Printer(p.id(), p.organizationId(), p.createdByUserId(), p.name(), p.printerType(),
                1, 1, 300, List.of(), true, false, null, Map.of(), NOW.minusSeconds(119), NOW, NOW);
        assertThat(seen.online(NOW, Duration.ofSeconds(60))).isTrue();
        assertThat(seen.online(NOW.plusSeconds(2), Duration.ofSeconds(60))).isFalse();
    }

    @Test
    void templatesSupported() {
        UUID t = UUID.randomUUID();
        Printer any = printer(1.0, 1.0, 300);
        assertThat(any.supportsTemplate(t)).isTrue();
        Printer some = any.apply(new Printer.Patch(null, null, null, null, null, List.of(UUID.randomUUID()), null, null, null, null), NOW);
        assertThat(some.supportsTemplate(t)).isFalse();
        assertThat(some.supportsTemplate(null)).isTrue();
    }
}
