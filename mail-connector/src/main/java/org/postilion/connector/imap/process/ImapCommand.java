package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One IMAP command (Dovecot's {@code cmd-*.c}, James's processors): it checks its arguments, asks the store,
 * changes the session and writes its untagged responses; its stage completes with the tagged response. The
 * dispatcher ({@link ImapCommands}) has already checked the state, and after the command it announces what
 * changed in the selected mailbox where {@link #expungeAllowed} says it may.
 *
 * <p>Malformed arguments are thrown as {@link Args.BadArguments} (answered {@code BAD}); the stage may
 * complete exceptionally with a store refusal or failure (answered {@code NO [code]}).
 */
public interface ImapCommand {

    /** The name in upper case; UID commands as {@code UID FETCH}. */
    String name();

    /** The states it is allowed in. */
    Set<ImapState> states();

    /**
     * Whether untagged EXPUNGE (or VANISHED) may be sent after it. False for FETCH, STORE and SEARCH by
     * sequence number (RFC 9051 section 7.5.1): sequence numbers must not shift under them.
     */
    default boolean expungeAllowed() {
        return true;
    }

    /** Whether the selected mailbox is synchronised after it (not after LOGOUT, SELECT, CLOSE ...). */
    default boolean syncAfter() {
        return true;
    }

    /** @param request the request; for a UID command, its arguments start after the subcommand */
    CompletionStage<Tagged> handle(ImapSession session, ImapRequest request);
}
