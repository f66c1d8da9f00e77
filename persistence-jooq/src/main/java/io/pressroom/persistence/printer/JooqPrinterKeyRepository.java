package io.pressroom.persistence.printer;

import static io.pressroom.persistence.Times.instant;
import static io.pressroom.persistence.Times.utc;
import static io.pressroom.persistence.jooq.generated.Tables.PRESSROOM_PRINTER_KEY_OWNER;
import static io.pressroom.persistence.jooq.generated.Tables.PRINTER_KEYS;

import io.pressroom.domain.printer.PrinterKey;
import io.pressroom.domain.printer.PrinterKeyRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

public final class JooqPrinterKeyRepository implements PrinterKeyRepository {
    private final DSLContext dsl;

    public JooqPrinterKeyRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(PrinterKey k) {
        dsl.insertInto(PRINTER_KEYS)
                .set(PRINTER_KEYS.ID, k.id())
                .set(PRINTER_KEYS.ORGANIZATION_ID, k.organizationId())
                .set(PRINTER_KEYS.PRINTER_ID, k.printerId())
                .set(PRINTER_KEYS.KEY_HASH, k.keyHash())
                .set(PRINTER_KEYS.KEY_PREFIX, k.prefix())
                .set(PRINTER_KEYS.CREATED_BY_USER_ID, k.createdByUserId())
                .set(PRINTER_KEYS.CREATED_AT, utc(k.createdAt()))
                .execute();
    }

    @Override
    public boolean revoke(UUID organizationId, UUID printerId, UUID keyId, Instant at) {
        return dsl.update(PRINTER_KEYS).set(PRINTER_KEYS.REVOKED_AT, utc(at))
                .where(PRINTER_KEYS.ORGANIZATION_ID.eq(organizationId), PRINTER_KEYS.PRINTER_ID.eq(printerId),
                        PRINTER_KEYS.ID.eq(keyId), PRINTER_KEYS.REVOKED_AT.isNull())
                .execute() == 1;
    }

    @Override
    public List<PrinterKey> list(UUID organizationId, UUID printerId) {
        return dsl.selectFrom(PRINTER_KEYS)
                .where(PRINTER_KEYS.ORGANIZATION_ID.eq(organizationId), PRINTER_KEYS.PRINTER_ID.eq(printerId))
                .orderBy(PRINTER_KEYS.CREATED_AT.desc())
                .fetch(r -> new PrinterKey(r.getId(), r.getOrganizationId(), r.getPrinterId(), r.getKeyHash(),
                        r.getKeyPrefix(), r.getCreatedByUserId(), instant(r.getCreatedAt()), instant(r.getRevokedAt())));
    }

    @Override
    public Optional<PrinterKey.Owner> findOwner(String keyHash) {
        return dsl.selectFrom(PRESSROOM_PRINTER_KEY_OWNER(keyHash)).fetchOptional()
                .map(r -> new PrinterKey.Owner(r.getKeyId(), r.getPrinterId(), r.getOrganizationId(),
                        Boolean.TRUE.equals(r.getOrganizationActive())));
    }
}
