package io.pressroom.web.http.file;

import io.pressroom.domain.file.StoredFile;
import io.pressroom.domain.shared.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the files API answers. The storage key is internal and never shown. */
public final class FileDtos {
    private FileDtos() {}

    /**
     * A file: {@code filename} is the generated stored name, {@code originalFilename} the
     * client's name reduced to a safe display name (also the download name).
     */
    public record FileBody(UUID id, UUID organizationId, String filename, String originalFilename, long fileSize,
                           String mimeType, String fileHash, String storageBackend, Map<String, Object> fileMetadata,
                           Instant createdAt, Instant updatedAt) {
        public static FileBody from(StoredFile f) {
            return new FileBody(f.id(), f.organizationId(), f.filename(), f.displayName(), f.size(), f.mimeType(), f.sha256(),
                    f.storageBackend(), f.metadata().toMap(), f.createdAt(), f.updatedAt());
        }
    }

    public record FilePage(List<FileBody> items, String nextCursor) {
        public static FilePage from(Page<StoredFile> page) {
            return new FilePage(page.items().stream().map(FileBody::from).toList(), page.nextCursor());
        }
    }
}
