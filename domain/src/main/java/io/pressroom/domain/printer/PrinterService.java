package io.pressroom.domain.printer;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Secrets;
import io.pressroom.domain.shared.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Printers and their API keys. Keys are 256 random bits ({@code prk_…}), stored as their
 * SHA-256 (a key is not a password: it is long and random, so a fast hash is enough), shown
 * once. Resolved keys are cached for a few seconds per instance; a revocation clears this
 * instance's cache at once (another instance honours it within {@link #KEY_CACHE}).
 */
public final class PrinterService implements ManagePrinters, ManagePrinterKeys, AuthenticatePrinter {
    public static final Duration KEY_CACHE = Duration.ofSeconds(5);

    private final Transactions tx;
    private final PrinterRepository printers;
    private final PrinterKeyRepository keys;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration lease;
    private final Map<String, Cached> keyCache = new ConcurrentHashMap<>();

    private record Cached(PrinterKey.Owner owner, Instant until) {}

    public PrinterService(Transactions tx, PrinterRepository printers, PrinterKeyRepository keys, AuditLog audit,
                          Clock clock, Duration lease) {
        this.tx = tx;
        this.printers = printers;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        this.lease = lease;
    }

    @Override
    public Printer create(Caller caller, Printer.Draft draft) {
        caller.requireAdmin();
        caller.requireWritable();
        return tx.inTransaction(caller.scope(), () -> {
            Printer p = Printer.create(UUID.randomUUID(), caller.organizationId(), caller.userId(), draft, now());
            checkTemplates(p.supportedTemplateIds());
            if (p.isDefault()) {
                printers.clearDefault(p.organizationId(), p.id());
            }
            printers.insert(p);
            audit.record(caller, "printer.created", "printer", p.id(), p.describe());
            return p;
        });
    }

    @Override
    public Printer update(Caller caller, UUID printerId, Printer.Patch patch) {
        caller.requireAdmin();
        caller.requireWritable();
        return tx.inTransaction(caller.scope(), () -> {
            Printer before = find(caller, printerId);
            Printer after = before.apply(patch, now());
            if (patch.supportedTemplateIds() != null) {
                checkTemplates(after.supportedTemplateIds());
            }
            if (after.isDefault() && !before.isDefault()) {
                printers.clearDefault(after.organizationId(), after.id());
            }
            printers.update(after);
            Map<String, Object> changes = new LinkedHashMap<>();
            Map<String, Object> a = after.describe();
            before.describe().forEach((k, v) -> {
                if (!java.util.Objects.equals(v, a.get(k))) {
                    changes.put(k, Map.of("from", v, "to", a.get(k)));
                }
            });
            if (patch.notes() != null && !patch.notes().equals(before.notes())) {
                changes.put("notes", "changed");
            }
            if (patch.printerConfig() != null && !patch.printerConfig().equals(before.printerConfig())) {
                changes.put("printerConfigKeys", List.copyOf(after.printerConfig().keySet()));
            }
            audit.record(caller, "printer.updated", "printer", after.id(), Map.of("changes", changes));
            return after;
        });
    }

    @Override
    public void delete(Caller caller, UUID printerId) {
        caller.requireAdmin();
        caller.requireWritable();
        tx.run(caller.scope(), () -> {
            Printer p = find(caller, printerId);
            int unfinished = printers.unfinishedJobs(p.organizationId(), p.id());
            if (unfinished > 0) {
                throw new DomainException.Conflict("printer.in-use",
                        "printer " + printerId + " has " + unfinished + " unfinished print jobs: reassign or cancel them first",
                        Map.of("unfinishedJobs", unfinished));
            }
            printers.delete(p.organizationId(), p.id());
            audit.record(caller, "printer.deleted", "printer", p.id(), p.describe());
        });
        keyCache.clear();
    }

    @Override
    public Printer get(Caller caller, UUID printerId) {
        caller.requireMember();
        return tx.inTransaction(caller.scope(), () -> find(caller, printerId));
    }

    @Override
    public Page<Printer> list(Caller caller, PageRequest page) {
        caller.requireMember();
        return tx.inTransaction(caller.scope(), () -> printers.list(caller.organizationId(), page));
    }

    @Override
    public boolean online(Printer printer) {
        return printer.online(now(), lease);
    }

    private Printer find(Caller caller, UUID printerId) {
        return printers.find(caller.organizationId(), printerId)
                .orElseThrow(() -> DomainException.NotFound.of("printer", printerId));
    }

    private void checkTemplates(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<UUID> missing = printers.missingTemplates(ids);
        if (!missing.isEmpty()) {
            throw DomainException.Invalid.field("supportedTemplateIds", "no template has the id(s) " + missing);
        }
    }

    // ---- keys ------------------------------------------------------------------------------

    @Override
    public PrinterKey.Issued issue(Caller caller, UUID printerId) {
        caller.requireAdmin();
        caller.requireWritable();
        String key = Secrets.random("prk_", 32);
        String prefix = key.substring(0, 10);
        return tx.inTransaction(caller.scope(), () -> {
            Printer p = find(caller, printerId);
            Instant now = now();
            PrinterKey stored = new PrinterKey(UUID.randomUUID(), p.organizationId(), p.id(), hash(key), prefix,
                    caller.userId(), now, null);
            keys.insert(stored);
            audit.record(caller, "printer_key.created", "printer", p.id(), Map.of("keyId", stored.id().toString(), "prefix", prefix));
            return new PrinterKey.Issued(stored.id(), p.id(), key, prefix, now);
        });
    }

    @Override
    public List<PrinterKey> list(Caller caller, UUID printerId) {
        caller.requireAdmin();
        return tx.inTransaction(caller.scope(), () -> {
            find(caller, printerId);
            return keys.list(caller.organizationId(), printerId);
        });
    }

    @Override
    public void revoke(Caller caller, UUID printerId, UUID keyId) {
        caller.requireAdmin();
        caller.requireWritable();
        tx.run(caller.scope(), () -> {
            find(caller, printerId);
            if (!keys.revoke(caller.organizationId(), printerId, keyId, now())) {
                throw DomainException.NotFound.of("printer-key", keyId);
            }
            audit.record(caller, "printer_key.revoked", "printer", printerId, Map.of("keyId", keyId.toString()));
        });
        keyCache.clear();
    }

    @Override
    public Caller agent(String key, String ipAddress, String userAgent) {
        if (key == null || !key.startsWith("prk_") || key.length() > 100) {
            throw new DomainException.Unauthenticated("printer-key.invalid", "a valid printer key is required");
        }
        String h = hash(key);
        Instant now = now();
        Cached c = keyCache.get(h);
        PrinterKey.Owner owner;
        if (c != null && c.until().isAfter(now)) {
            owner = c.owner();
        } else {
            owner = tx.inTransaction(io.pressroom.domain.shared.TenantScope.anonymous(), () -> keys.findOwner(h))
                    .orElseThrow(() -> new DomainException.Unauthenticated("printer-key.invalid",
                            "the printer key is unknown or revoked"));
            if (keyCache.size() > 10_000) {
                keyCache.clear();
            }
            keyCache.put(h, new Cached(owner, now.plus(KEY_CACHE)));
        }
        return new Caller(null, owner.printerId(), owner.organizationId(), null, false, ipAddress, userAgent,
                owner.organizationActive());
    }

    static String hash(String key) {
        return Secrets.sha256Hex(key);
    }

    /** Now, to the microsecond (what the database keeps), so a job reads back as it was written. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
