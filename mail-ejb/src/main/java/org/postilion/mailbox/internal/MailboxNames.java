package org.postilion.mailbox.internal;

import org.postilion.connector.spi.imap.MailboxException;
import org.postilion.connector.spi.imap.MailboxException.Code;
import org.postilion.mailbox.Mailbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The store's rules for mailbox names (the connector has already decoded modified UTF-7 and made INBOX upper
 * case): not empty, at most {@value JpaImapStore#MAX_NAME} characters and {@value JpaImapStore#MAX_DEPTH}
 * levels, no empty level ({@code a//b}, {@code /a}), no control characters, and none of the LIST wildcards
 * {@code %} and {@code *}, which could never be listed one by one.
 */
final class MailboxNames {

    private MailboxNames() {
    }

    static String validate(String name) throws MailboxException {
        if (name.isEmpty() || name.length() > JpaImapStore.MAX_NAME) {
            throw new MailboxException(Code.CANNOT, "Invalid mailbox name: empty or longer than "
                    + JpaImapStore.MAX_NAME + " characters");
        }
        int levels = 1;
        char previous = Mailbox.SEPARATOR;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '%' || c == '*') {
                throw new MailboxException(Code.CANNOT, "Invalid mailbox name: it holds a forbidden character");
            }
            if (c == Mailbox.SEPARATOR) {
                if (previous == Mailbox.SEPARATOR) {
                    throw new MailboxException(Code.CANNOT, "Invalid mailbox name: empty hierarchy level");
                }
                levels++;
            }
            previous = c;
        }
        if (previous == Mailbox.SEPARATOR) {
            throw new MailboxException(Code.CANNOT, "Invalid mailbox name: empty hierarchy level");
        }
        if (levels > JpaImapStore.MAX_DEPTH) {
            throw new MailboxException(Code.CANNOT, "Invalid mailbox name: more than " + JpaImapStore.MAX_DEPTH
                    + " levels");
        }
        return name;
    }

    /** The names above a name, top first: {@code a}, {@code a/b} for {@code a/b/c}. */
    static List<String> parents(String name) {
        List<String> parents = new ArrayList<>();
        for (int i = name.indexOf(Mailbox.SEPARATOR); i >= 0; i = name.indexOf(Mailbox.SEPARATOR, i + 1)) {
            parents.add(name.substring(0, i));
        }
        return parents;
    }
}
