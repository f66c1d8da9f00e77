package io.pressroom.domain.file;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Transactions;
import io.pressroom.domain.shared.TenantScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Uploads, listing, download and deletion of an organization's files. The order of an upload
 * is what makes "a failure at any point leaves neither a row nor bytes" true:
 * <ol>
 *   <li>the declared size is checked before anything is read (413);</li>
 *   <li>the bytes are staged by the {@link FileStore} (SHA-256 on the way; 413 mid-stream);</li>
 *   <li>the kind is decided from the magic bytes (the declared type is not believed), the
 *       metadata read from the staged bytes;</li>
 *   <li>in one transaction: the row is inserted (or the organization's file with the same hash
 *       found: deduplicated), the audit event written, the bytes promoted under their final key;
 *       if the commit then fails, the promoted bytes are deleted again;</li>
 *   <li>the staging area is always cleaned.</li>
 * </ol>
 */
public final class FileService implements UploadFile, BrowseFiles, DeleteFile {

    private static final String ENTITY = "file";
    private static final int SWEEP_BATCH = 1000;

    private final Transactions transactions;
    private final FileRepository files;
    private final FileStore store;
    private final AuditLog audit;
    private final FileMetadataReader metadataReader = new FileMetadataReader();
    private final long maxUploadBytes;

    public FileService(Transactions transactions, FileRepository files, FileStore store, AuditLog audit, long maxUploadBytes) {
        if (maxUploadBytes <= 0) {
            throw new IllegalArgumentException("maxUploadBytes must be > 0, was " + maxUploadBytes);
        }
        this.transactions = transactions;
        this.files = files;
        this.store = store;
        this.audit = audit;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    @Override
    public void checkDeclaredSize(long declaredBytes, long slack) {
        if (declaredBytes > maxUploadBytes + Math.max(0, slack)) {
            throw tooLarge();
        }
    }

    private DomainException.PayloadTooLarge tooLarge() {
        return new DomainException.PayloadTooLarge("file.too-large",
                "the file is larger than the limit of " + maxUploadBytes + " bytes", maxUploadBytes);
    }

    @Override
    public UploadResult upload(Caller caller, Upload upload) {
        caller.requireMember();
        caller.requireWritable();
        UUID org = caller.organizationId();
        if (upload.declaredLength() >= 0) {
            checkDeclaredSize(upload.declaredLength(), 0);
        }
        FileStore.StagedBlob staged = store.stage(upload.content(), maxUploadBytes);
        String[] promoted = new String[1];
        boolean committed = false;
        try {
            if (upload.declaredLength() >= 0 && staged.size() != upload.declaredLength()) {
                throw new DomainException.Invalid("file.incomplete", "the upload ended after " + staged.size()
                        + " of the " + upload.declaredLength() + " bytes announced", Map.of());
            }
            byte[] head = head(staged);
            FileKind kind = FileKind.detect(head, head.length)
                    .orElseThrow(() -> new DomainException.Invalid("file.unsupported-type",
                            "the content is not a PNG, JPEG, TIFF, PDF or SVG file (decided from its bytes, not its name or declared type)",
                            Map.of("file", "unsupported content")));
            FileMetadata metadata = metadataReader.read(kind, staged);
            String display = SafeFileNames.displayName(upload.clientFilename(), kind);
            UploadResult result = transactions.inTransaction(caller.scope(), () -> {
                var existing = files.findByHash(org, staged.sha256());
                if (existing.isPresent()) {
                    return new UploadResult(existing.get(), false);
                }
                UUID id = UUID.randomUUID();
                String key = storageKey(org, staged.sha256(), id);
                StoredFile candidate = new StoredFile(id, org, staged.sha256() + "." + kind.extension(), display, key,
                        staged.size(), kind.mimeType(), staged.sha256(), store.backend(), metadata, null, null);
                var inserted = files.insertIfAbsent(candidate);
                if (inserted.isEmpty()) { // the same bytes, uploaded concurrently and committed first
                    return new UploadResult(files.findByHash(org, staged.sha256()).orElseThrow(), false);
                }
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("filename", display);
                data.put("fileSize", staged.size());
                data.put("mimeType", kind.mimeType());
                data.put("fileHash", staged.sha256());
                if (upload.declaredType() != null && !upload.declaredType().isBlank()) {
                    data.put("declaredType", abbreviate(upload.declaredType()));
                }
                audit.record(caller, "file.uploaded", ENTITY, id, data);
                store.promote(staged, key);
                promoted[0] = key;
                return new UploadResult(inserted.get(), true);
            });
            committed = true;
            return result;
        } finally {
            if (!committed && promoted[0] != null) {
                store.delete(promoted[0]);
            }
            store.discard(staged);
        }
    }

    private static byte[] head(ByteSource staged) {
        try {
            return staged.readAt(0, FileKind.SNIFF_BYTES);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Where the bytes of file {@code id} live: by organization, then content address. */
    static String storageKey(UUID org, String sha256, UUID id) {
        return org + "/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256 + "_" + id;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    @Override
    public Page<StoredFile> list(Caller caller, PageRequest page) {
        caller.requireMember();
        return transactions.inTransaction(caller.scope(), () -> files.list(caller.organizationId(), page));
    }

    @Override
    public StoredFile get(Caller caller, UUID id) {
        caller.requireMember();
        return transactions.inTransaction(caller.scope(), () -> files.find(caller.organizationId(), id))
                .orElseThrow(() -> DomainException.NotFound.of(ENTITY, id));
    }

    @Override
    public FileContent open(Caller caller, UUID id, long offset, long length) {
        StoredFile file = get(caller, id);
        if (offset < 0 || (offset > 0 && offset >= file.size())) {
            throw new DomainException.Invalid("file.range-not-satisfiable",
                    "offset " + offset + " is outside the file (" + file.size() + " bytes)", Map.of());
        }
        long max = file.size() - offset;
        long len = length < 0 ? max : Math.min(length, max);
        return new FileContent(file, offset, len, store.open(file.storageKey(), offset, len));
    }

    @Override
    public void delete(Caller caller, UUID id) {
        caller.requireMember();
        caller.requireWritable();
        StoredFile deleted = transactions.inTransaction(caller.scope(), () -> {
            StoredFile file = files.find(caller.organizationId(), id).orElseThrow(() -> DomainException.NotFound.of(ENTITY, id));
            if (files.usedByUnfinishedJob(caller.organizationId(), id)) {
                throw new DomainException.Conflict("file.in-use",
                        "file " + id + " is used by a print job that has not finished; cancel or finish the job first",
                        Map.of("fileId", id.toString()));
            }
            files.delete(caller.organizationId(), id);
            audit.record(caller, "file.deleted", ENTITY, id, Map.of("filename", file.displayName(),
                    "fileHash", file.sha256(), "fileSize", file.size()));
            return file;
        });
        // after the commit: a crash here leaves bytes without a row (swept), never the reverse
        store.delete(deleted.storageKey());
    }

    /**
     * Removes bytes of {@code organizationId} that no row points to and that are older than
     * {@code minAge} (left by a crash between promotion and commit, or before a deletion's
     * clean-up). Answers the keys removed. Runs in the organization's own scope.
     */
    public List<String> sweepOrphans(UUID organizationId, Duration minAge, Instant now) {
        List<FileStore.StoredKey> keys = store.list(organizationId.toString());
        List<String> candidates = new ArrayList<>();
        for (FileStore.StoredKey k : keys) {
            if (k.lastModified().isBefore(now.minus(minAge))) {
                candidates.add(k.key());
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<String> removed = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += SWEEP_BATCH) {
            List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + SWEEP_BATCH));
            Set<String> known = transactions.inTransaction(TenantScope.tenant(organizationId, null),
                    () -> files.knownStorageKeys(organizationId, batch));
            for (String key : batch) {
                if (!known.contains(key) && store.delete(key)) {
                    removed.add(key);
                }
            }
        }
        return removed;
    }

    /** What one run of {@link #sweepAll} removed. */
    public record SweepResult(int staged, int orphans) {}

    /**
     * The whole store's leftovers older than {@code minAge}: staged bytes of uploads that never
     * finished, and every organization's stored bytes that no row points to
     * ({@link #sweepOrphans}). The server runs it every {@code PRESSROOM_FILE_SWEEP_SECONDS}.
     */
    public SweepResult sweepAll(Duration minAge, Instant now) {
        int staged = store.sweepStaged(minAge);
        int orphans = 0;
        for (String owner : store.owners()) {
            UUID organizationId;
            try {
                organizationId = UUID.fromString(owner);
            } catch (IllegalArgumentException e) {
                continue; // not an organization's folder: never Pressroom's to remove
            }
            orphans += sweepOrphans(organizationId, minAge, now).size();
        }
        return new SweepResult(staged, orphans);
    }
}
