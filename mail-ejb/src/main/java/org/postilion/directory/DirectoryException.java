package org.postilion.directory;

import jakarta.ejb.ApplicationException;

/**
 * A request the directory refuses: it names something that does not exist, conflicts with what exists, or is
 * not valid. These are expected outcomes of administration, not programming errors, so they are checked; the
 * transaction is rolled back.
 */
@ApplicationException(rollback = true)
public class DirectoryException extends Exception {

    /** What kind of refusal, for the API to map to a status. */
    public enum Kind {
        NOT_FOUND, CONFLICT, INVALID
    }

    private final Kind kind;

    public DirectoryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static DirectoryException notFound(String message) {
        return new DirectoryException(Kind.NOT_FOUND, message);
    }

    public static DirectoryException conflict(String message) {
        return new DirectoryException(Kind.CONFLICT, message);
    }

    public static DirectoryException invalid(String message) {
        return new DirectoryException(Kind.INVALID, message);
    }
}
