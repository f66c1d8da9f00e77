package io.pressroom.persistence.file;

import static io.pressroom.persistence.Times.instant;

import static io.pressroom.persistence.jooq.generated.Tables.FILES;
import static io.pressroom.persistence.jooq.generated.Tables.PRINT_JOBS;

import io.pressroom.domain.file.FileKind;
import io.pressroom.domain.file.FileMetadata;
import io.pressroom.domain.file.FileRepository;
import io.pressroom.domain.file.StoredFile;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.persistence.JsonValues;
import io.pressroom.persistence.KeysetCursor;
import io.pressroom.persistence.jooq.generated.tables.records.FilesRecord;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** {@code files} through jOOQ; every statement names the organization. */
public final class JooqFileRepository implements FileRepository {
    private final DSLContext dsl;

    public JooqFileRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<StoredFile> insertIfAbsent(StoredFile f) {
        return dsl.insertInto(FILES)
                .set(FILES.ID, f.id())
                .set(FILES.ORGANIZATION_ID, f.organizationId())
                .set(FILES.FILENAME, f.filename())
                .set(FILES.ORIGINAL_FILENAME, f.originalFilename())
                .set(FILES.FILE_PATH, f.storageKey())
                .set(FILES.FILE_SIZE, f.size())
                .set(FILES.MIME_TYPE, f.mimeType())
                .set(FILES.FILE_HASH, f.sha256())
                .set(FILES.STORAGE_BACKEND, f.storageBackend())
                .set(FILES.FILE_METADATA, JsonValues.toJsonb(f.metadata().toMap()))
                .onConflict(FILES.ORGANIZATION_ID, FILES.FILE_HASH).doNothing()
                .returning()
                .fetchOptional()
                .map(JooqFileRepository::toDomain);
    }

    @Override
    public Optional<StoredFile> findByHash(UUID organizationId, String sha256) {
        return dsl.selectFrom(FILES)
                .where(FILES.ORGANIZATION_ID.eq(organizationId).and(FILES.FILE_HASH.eq(sha256)))
                .fetchOptional()
                .map(JooqFileRepository::toDomain);
    }

    @Override
    public Optional<StoredFile> find(UUID organizationId, UUID id) {
        return dsl.selectFrom(FILES)
                .where(FILES.ORGANIZATION_ID.eq(organizationId).and(FILES.ID.eq(id)))
                .fetchOptional()
                .map(JooqFileRepository::toDomain);
    }

    @Override
    public List<StoredFile> findAll(UUID organizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return dsl.selectFrom(FILES)
                .where(FILES.ORGANIZATION_ID.eq(organizationId).and(FILES.ID.in(ids)))
                .fetch(JooqFileRepository::toDomain);
    }

    @Override
    public Page<StoredFile> list(UUID organizationId, PageRequest page) {
        KeysetCursor after = KeysetCursor.decode(page.cursor());
        Condition where = FILES.ORGANIZATION_ID.eq(organizationId);
        if (after != null) {
            where = where.and(DSL.row(FILES.CREATED_AT, FILES.ID).lt(after.createdAt(), after.id()));
        }
        List<FilesRecord> rows = dsl.selectFrom(FILES).where(where)
                .orderBy(FILES.CREATED_AT.desc(), FILES.ID.desc())
                .limit(page.limit() + 1)
                .fetch();
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            FilesRecord last = rows.get(rows.size() - 1);
            next = new KeysetCursor(last.getCreatedAt(), last.getId()).encode();
        }
        return new Page<>(rows.stream().map(JooqFileRepository::toDomain).toList(), next);
    }

    @Override
    public boolean usedByUnfinishedJob(UUID organizationId, UUID id) {
        // the conditions of V20's partial index idx_print_jobs_unfinished_file_ids, inlined (the
        // planner matches a partial index's predicate against the query's own constants only)
        return dsl.fetchExists(dsl.selectOne().from(PRINT_JOBS)
                .where(PRINT_JOBS.ORGANIZATION_ID.eq(organizationId)
                        .and(PRINT_JOBS.FILE_IDS.contains(new UUID[] {id}))
                        .and(PRINT_JOBS.STATUS.in(DSL.inline("pending"), DSL.inline("held"), DSL.inline("printing"), DSL.inline("paused")))
                        .and(DSL.condition("cardinality({0}) > 0", PRINT_JOBS.FILE_IDS))));
    }

    @Override
    public boolean delete(UUID organizationId, UUID id) {
        try {
            return dsl.deleteFrom(FILES)
                    .where(FILES.ORGANIZATION_ID.eq(organizationId).and(FILES.ID.eq(id)))
                    .execute() > 0;
        } catch (DataAccessException e) {
            if ("23503".equals(e.sqlState())) { // the in-use trigger: a job took the file meanwhile
                throw new DomainException.Conflict("file.in-use",
                        "file " + id + " is used by a print job that has not finished; cancel or finish the job first",
                        Map.of("fileId", id.toString()));
            }
            throw e;
        }
    }

    @Override
    public Set<String> knownStorageKeys(UUID organizationId, Collection<String> storageKeys) {
        if (storageKeys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(dsl.select(FILES.FILE_PATH).from(FILES)
                .where(FILES.ORGANIZATION_ID.eq(organizationId).and(FILES.FILE_PATH.in(storageKeys)))
                .fetch(FILES.FILE_PATH));
    }

    static StoredFile toDomain(FilesRecord r) {
        FileKind fallback = FileKind.fromMimeType(r.getMimeType()).orElse(null);
        return new StoredFile(r.getId(), r.getOrganizationId(), r.getFilename(), r.getOriginalFilename(), r.getFilePath(),
                r.getFileSize(), r.getMimeType(), r.getFileHash(), r.getStorageBackend(),
                FileMetadata.fromMap(JsonValues.readObject(r.getFileMetadata()), fallback),
                instant(r.getCreatedAt()), instant(r.getUpdatedAt()));
    }

}
