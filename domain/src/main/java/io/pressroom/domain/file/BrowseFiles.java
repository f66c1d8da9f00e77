package io.pressroom.domain.file;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.io.InputStream;
import java.util.UUID;

/** Inbound port: a member lists, inspects and downloads the organization's files. */
public interface BrowseFiles {

    Page<StoredFile> list(Caller caller, PageRequest page);

    StoredFile get(Caller caller, UUID id);

    /**
     * The file's bytes from {@code offset}, {@code length} of them (-1: to the end); the
     * caller closes {@link FileContent#stream()}. Offsets outside the file are refused before
     * anything is opened by the web adapter (416).
     */
    FileContent open(Caller caller, UUID id, long offset, long length);

    record FileContent(StoredFile file, long offset, long length, InputStream stream) {}
}
