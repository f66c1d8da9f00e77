package io.pressroom.domain.canvas;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Transactions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Canvas configs: validated CRUD; legacy rows (no organization) keep working for their owner. */
public final class CanvasConfigService implements ManageCanvasConfigs {
    private static final String ENTITY = "canvas_config";
    static final double MAX_INCHES = 10_000;
    static final double MAX_SPACING = 100;
    static final int MIN_DPI = 50;
    static final int MAX_DPI = 10_000;

    private final Transactions transactions;
    private final CanvasConfigRepository configs;
    private final AuditLog audit;
    private final Clock clock;

    public CanvasConfigService(Transactions transactions, CanvasConfigRepository configs, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.configs = configs;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public CanvasConfig create(Caller caller, Draft d) {
        caller.requireMember();
        caller.requireWritable();
        Map<String, String> errors = new LinkedHashMap<>();
        String name = name(d.name(), true, errors);
        Double width = inches("widthInches", d.widthInches(), true, errors);
        Double height = inches("heightInches", d.heightInches(), true, errors);
        int dpi = dpi(d.dpi(), CanvasConfig.DEFAULT_DPI, errors);
        double sw = spacing("spacingWidthInches", d.spacingWidthInches(), CanvasConfig.DEFAULT_SPACING, errors);
        double sh = spacing("spacingHeightInches", d.spacingHeightInches(), CanvasConfig.DEFAULT_SPACING, errors);
        fail(errors);
        UUID id = UUID.randomUUID();
        return transactions.inTransaction(caller.scope(), () -> {
            CanvasConfig c = configs.insert(new CanvasConfig(id, caller.organizationId(), caller.userId(), name, width, height,
                    dpi, sw, sh, clock.instant(), clock.instant()));
            audit.record(caller, "canvas_config.created", ENTITY, id, describe(c));
            return c;
        });
    }

    @Override
    public CanvasConfig update(Caller caller, UUID id, Draft d) {
        caller.requireMember();
        caller.requireWritable();
        return transactions.inTransaction(caller.scope(), () -> {
            CanvasConfig old = find(caller, id);
            Map<String, String> errors = new LinkedHashMap<>();
            String name = d.name() == null ? old.name() : name(d.name(), true, errors);
            Double width = d.widthInches() == null ? old.widthInches() : inches("widthInches", d.widthInches(), true, errors);
            Double height = d.heightInches() == null ? old.heightInches() : inches("heightInches", d.heightInches(), true, errors);
            int dpi = dpi(d.dpi(), old.dpi(), errors);
            double sw = spacing("spacingWidthInches", d.spacingWidthInches(), old.spacingWidthInches(), errors);
            double sh = spacing("spacingHeightInches", d.spacingHeightInches(), old.spacingHeightInches(), errors);
            fail(errors);
            CanvasConfig c = configs.update(new CanvasConfig(id, old.organizationId(), old.userId(), name, width, height, dpi,
                    sw, sh, old.createdAt(), clock.instant()));
            Map<String, Object> data = describe(c);
            data.put("before", describe(old));
            audit.record(caller, "canvas_config.updated", ENTITY, id, data);
            return c;
        });
    }

    @Override
    public CanvasConfig get(Caller caller, UUID id) {
        caller.requireMember();
        return transactions.inTransaction(caller.scope(), () -> find(caller, id));
    }

    private CanvasConfig find(Caller caller, UUID id) {
        return configs.find(caller.organizationId(), caller.userId(), id).orElseThrow(() -> DomainException.NotFound.of(ENTITY, id));
    }

    @Override
    public Page<CanvasConfig> list(Caller caller, PageRequest page) {
        caller.requireMember();
        return transactions.inTransaction(caller.scope(), () -> configs.list(caller.organizationId(), caller.userId(), page));
    }

    @Override
    public void delete(Caller caller, UUID id) {
        caller.requireMember();
        caller.requireWritable();
        transactions.run(caller.scope(), () -> {
            CanvasConfig c = find(caller, id);
            configs.delete(caller.organizationId(), caller.userId(), id);
            audit.record(caller, "canvas_config.deleted", ENTITY, id, describe(c));
        });
    }

    private static Map<String, Object> describe(CanvasConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("widthInches", c.widthInches());
        m.put("heightInches", c.heightInches());
        m.put("dpi", c.dpi());
        m.put("spacingWidthInches", c.spacingWidthInches());
        m.put("spacingHeightInches", c.spacingHeightInches());
        if (c.organizationId() == null) {
            m.put("legacy", true);
        }
        return m;
    }

    private static void fail(Map<String, String> errors) {
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid("validation.failed", String.join("; ", errors.values()), errors);
        }
    }

    private static String name(String raw, boolean required, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                errors.put("name", "name is required");
            }
            return raw;
        }
        String n = raw.strip();
        if (n.length() > 200) {
            errors.put("name", "name is at most 200 characters");
        }
        return n;
    }

    private static Double inches(String field, Double v, boolean required, Map<String, String> errors) {
        if (v == null) {
            if (required) {
                errors.put(field, field + " is required");
            }
            return null;
        }
        if (!(v > 0) || v > MAX_INCHES || v.isNaN() || v.isInfinite()) {
            errors.put(field, field + " must be > 0 and at most " + (int) MAX_INCHES + ", was " + v);
        }
        return v;
    }

    private static int dpi(Integer v, int fallback, Map<String, String> errors) {
        if (v == null) {
            return fallback;
        }
        if (v < MIN_DPI || v > MAX_DPI) {
            errors.put("dpi", "dpi must be between " + MIN_DPI + " and " + MAX_DPI + ", was " + v);
        }
        return v;
    }

    private static double spacing(String field, Double v, double fallback, Map<String, String> errors) {
        if (v == null) {
            return fallback;
        }
        if (!(v >= 0) || v > MAX_SPACING || v.isInfinite()) {
            errors.put(field, field + " must be between 0 and " + (int) MAX_SPACING + ", was " + v);
        }
        return v;
    }
}
