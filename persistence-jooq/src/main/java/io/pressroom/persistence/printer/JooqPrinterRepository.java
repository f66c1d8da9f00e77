package io.pressroom.persistence.printer;

import static io.pressroom.persistence.Times.instant;
import static io.pressroom.persistence.Times.utc;
import static io.pressroom.persistence.jooq.generated.Tables.PRINTERS;
import static io.pressroom.persistence.jooq.generated.Tables.PRINT_JOBS;
import static io.pressroom.persistence.jooq.generated.Tables.TEMPLATES;

import io.pressroom.domain.printer.Printer;
import io.pressroom.domain.printer.PrinterRepository;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.persistence.Cursors;
import io.pressroom.persistence.JsonValues;
import io.pressroom.persistence.jooq.generated.tables.records.PrintersRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

public final class JooqPrinterRepository implements PrinterRepository {
    private static final List<String> UNFINISHED = List.of("pending", "held", "printing", "paused");
    private final DSLContext dsl;

    public JooqPrinterRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Printer> find(UUID organizationId, UUID id) {
        return dsl.selectFrom(PRINTERS).where(PRINTERS.ORGANIZATION_ID.eq(organizationId), PRINTERS.ID.eq(id))
                .fetchOptional().map(JooqPrinterRepository::toDomain);
    }

    @Override
    public Page<Printer> list(UUID organizationId, PageRequest page) {
        Condition after = DSL.noCondition();
        if (page.cursor() != null) {
            Cursors.Position p = Cursors.decode(page.cursor());
            after = DSL.row(PRINTERS.CREATED_AT, PRINTERS.ID).lt(p.createdAt(), p.id());
        }
        List<PrintersRecord> rows = dsl.selectFrom(PRINTERS)
                .where(PRINTERS.ORGANIZATION_ID.eq(organizationId), after)
                .orderBy(PRINTERS.CREATED_AT.desc(), PRINTERS.ID.desc())
                .limit(page.limit() + 1).fetch();
        String next = null;
        if (rows.size() > page.limit()) {
            PrintersRecord last = rows.get(page.limit() - 1);
            next = Cursors.encode(last.getCreatedAt(), last.getId());
            rows = rows.subList(0, page.limit());
        }
        return new Page<>(rows.stream().map(JooqPrinterRepository::toDomain).toList(), next);
    }

    @Override
    public void insert(Printer p) {
        PrintersRecord r = dsl.newRecord(PRINTERS);
        fill(r, p);
        r.setId(p.id());
        r.setOrganizationId(p.organizationId());
        r.setUserId(p.createdByUserId());
        r.setCreatedAt(utc(p.createdAt()));
        r.insert();
    }

    @Override
    public void update(Printer p) {
        PrintersRecord r = dsl.newRecord(PRINTERS);
        fill(r, p);
        dsl.update(PRINTERS).set(r).where(PRINTERS.ORGANIZATION_ID.eq(p.organizationId()), PRINTERS.ID.eq(p.id())).execute();
    }

    private static void fill(PrintersRecord r, Printer p) {
        r.setName(p.name());
        r.setPrinterType(p.printerType());
        r.setMaxWidthInches(p.maxWidthInches());
        r.setMaxHeightInches(p.maxHeightInches());
        r.setDpi(p.dpi());
        r.setSupportedTemplateIds(p.supportedTemplateIds().toArray(UUID[]::new));
        r.setIsActive(p.active());
        r.setIsDefault(p.isDefault());
        r.setNotes(p.notes());
        r.setPrinterConfig(JsonValues.toJsonb(p.printerConfig()));
        r.setUpdatedAt(utc(p.updatedAt()));
    }

    @Override
    public void clearDefault(UUID organizationId, UUID exceptPrinterId) {
        dsl.update(PRINTERS).set(PRINTERS.IS_DEFAULT, false)
                .where(PRINTERS.ORGANIZATION_ID.eq(organizationId), PRINTERS.IS_DEFAULT.isTrue(), PRINTERS.ID.ne(exceptPrinterId))
                .execute();
    }

    @Override
    public boolean delete(UUID organizationId, UUID id) {
        dsl.update(PRINT_JOBS).set(PRINT_JOBS.PRINTER_ID, (UUID) null)
                .where(PRINT_JOBS.ORGANIZATION_ID.eq(organizationId), PRINT_JOBS.PRINTER_ID.eq(id)).execute();
        dsl.update(PRINT_JOBS).set(PRINT_JOBS.CLAIMED_BY_PRINTER_ID, (UUID) null)
                .where(PRINT_JOBS.ORGANIZATION_ID.eq(organizationId), PRINT_JOBS.CLAIMED_BY_PRINTER_ID.eq(id)).execute();
        return dsl.deleteFrom(PRINTERS).where(PRINTERS.ORGANIZATION_ID.eq(organizationId), PRINTERS.ID.eq(id)).execute() == 1;
    }

    @Override
    public int unfinishedJobs(UUID organizationId, UUID printerId) {
        return dsl.fetchCount(PRINT_JOBS, PRINT_JOBS.ORGANIZATION_ID.eq(organizationId),
                PRINT_JOBS.PRINTER_ID.eq(printerId).or(PRINT_JOBS.CLAIMED_BY_PRINTER_ID.eq(printerId)
                        .and(PRINT_JOBS.STATUS.in("printing", "paused"))),
                PRINT_JOBS.STATUS.in(UNFINISHED));
    }

    @Override
    public Set<UUID> missingTemplates(Collection<UUID> templateIds) {
        Set<UUID> missing = new HashSet<>(templateIds);
        missing.removeAll(dsl.select(TEMPLATES.ID).from(TEMPLATES).where(TEMPLATES.ID.in(templateIds)).fetchSet(TEMPLATES.ID));
        return missing;
    }

    @Override
    public void touchLastSeen(UUID organizationId, UUID printerId, Instant at) {
        dsl.update(PRINTERS).set(PRINTERS.LAST_SEEN_AT, utc(at))
                .where(PRINTERS.ORGANIZATION_ID.eq(organizationId), PRINTERS.ID.eq(printerId)).execute();
    }

    static Printer toDomain(PrintersRecord r) {
        return new Printer(r.getId(), r.getOrganizationId(), r.getUserId(), r.getName(), r.getPrinterType(),
                r.getMaxWidthInches(), r.getMaxHeightInches(), r.getDpi(),
                r.getSupportedTemplateIds() == null ? List.of() : Arrays.asList(r.getSupportedTemplateIds()),
                !Boolean.FALSE.equals(r.getIsActive()), Boolean.TRUE.equals(r.getIsDefault()), r.getNotes(),
                JsonValues.readObject(r.getPrinterConfig()), instant(r.getLastSeenAt()), instant(r.getCreatedAt()),
                instant(r.getUpdatedAt()));
    }
}
