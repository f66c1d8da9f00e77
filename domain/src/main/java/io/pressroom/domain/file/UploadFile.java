package io.pressroom.domain.file;

import io.pressroom.domain.shared.Caller;
import java.io.InputStream;

/** Inbound port: a member uploads a print file. */
public interface UploadFile {

    /**
     * Streams {@code upload} into the store and records it. Answers the existing file
     * ({@code created} false) when the organization already has the same bytes.
     */
    UploadResult upload(Caller caller, Upload upload);

    /** The configured limit (bytes of file content). */
    long maxUploadBytes();

    /**
     * Refuses (413) a declared size over the limit before anything is read; {@code slack} allows
     * for an envelope around the file (multipart headers and boundaries).
     */
    void checkDeclaredSize(long declaredBytes, long slack);

    /**
     * @param clientFilename the client's name for the file (any text, or null): metadata only
     * @param declaredType   the client's {@code Content-Type}, recorded but not believed (may be null)
     * @param declaredLength the content's length when the client said it, else -1
     */
    record Upload(String clientFilename, String declaredType, long declaredLength, InputStream content) {}

    record UploadResult(StoredFile file, boolean created) {}
}
