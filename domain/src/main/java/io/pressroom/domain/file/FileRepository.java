package io.pressroom.domain.file;

import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Outbound port: the {@code files} rows of one organization at a time. */
public interface FileRepository {

    /** Inserts {@code file} unless the organization already has a file with its hash; the stored row, or empty. */
    Optional<StoredFile> insertIfAbsent(StoredFile file);

    Optional<StoredFile> findByHash(UUID organizationId, String sha256);

    Optional<StoredFile> find(UUID organizationId, UUID id);

    /** The files of {@code ids} that exist in the organization (others are simply absent). */
    List<StoredFile> findAll(UUID organizationId, Collection<UUID> ids);

    /** Newest first. */
    Page<StoredFile> list(UUID organizationId, PageRequest page);

    /** Whether a pending, held, printing or paused print job names this file. */
    boolean usedByUnfinishedJob(UUID organizationId, UUID id);

    boolean delete(UUID organizationId, UUID id);

    /** Which of {@code storageKeys} some row of the organization points to. */
    Set<String> knownStorageKeys(UUID organizationId, Collection<String> storageKeys);
}
