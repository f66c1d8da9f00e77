package io.pressroom.domain.file;

import io.pressroom.domain.shared.Caller;
import java.util.UUID;

/** Inbound port: a member deletes a file (refused, 409, while an unfinished print job uses it). */
public interface DeleteFile {
    void delete(Caller caller, UUID id);
}
