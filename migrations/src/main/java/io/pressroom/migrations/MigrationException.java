package io.pressroom.migrations;

/** A schema operation that could not be done; the message says what to do about it. */
public class MigrationException extends RuntimeException {
    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
