package org.postilion.mailbox;

import jakarta.ejb.ApplicationException;

/** A mailbox name that the account does not have; an expected outcome of a request, hence checked. */
@ApplicationException(rollback = true)
public class NoSuchMailboxException extends Exception {

    public NoSuchMailboxException(String name) {
        super("no mailbox " + name);
    }
}
