package org.postilion.connector.spi.imap;

import jakarta.ejb.ApplicationException;

/**
 * An expected refusal of the store, with the IMAP response code it is answered with. Not a programming error:
 * clients ask for mailboxes that do not exist, exceed quotas and race each other's expunges. The transaction
 * of the call that throws it is rolled back.
 */
@ApplicationException(rollback = true)
public class MailboxException extends Exception {

    private static final long serialVersionUID = 1L;

    /** IMAP response codes (RFC 5530 and the base specification) that a refusal carries. */
    public enum Code {
        NONEXISTENT, ALREADYEXISTS, TRYCREATE, CANNOT, OVERQUOTA, LIMIT, INUSE, EXPUNGEISSUED, NOPERM,
        /** CREATE-SPECIAL-USE (RFC 6154): an attribute the server does not support. */
        USEATTR,
        /** A malformed request that only the store could recognise (a name too long, say). */
        CLIENTBUG
    }

    private final Code code;

    public MailboxException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
