package io.pressroom.domain.file;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A file of an organization ({@code files} row): {@code filename} is the generated stored
 * name, {@code originalFilename} the client's name reduced to a safe display name,
 * {@code storageKey} ({@code file_path}) where the {@link FileStore} keeps the bytes.
 */
public record StoredFile(UUID id, UUID organizationId, String filename, String originalFilename, String storageKey,
                         long size, String mimeType, String sha256, String storageBackend, FileMetadata metadata,
                         Instant createdAt, Instant updatedAt) {
    public StoredFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(storageKey, "storageKey");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** The name to show and to download as. */
    public String displayName() {
        return originalFilename != null && !originalFilename.isBlank() ? originalFilename : filename;
    }
}
