package org.postilion.connector.spi.imap;

import java.util.List;
import java.util.Map;

/**
 * The mail store as the IMAP sessions use it. {@code user} is always the canonical name that authentication
 * answered ({@code AuthVerdict.Authenticated#user}); the store only ever shows a user that user's own mailboxes.
 *
 * <p>Every method either does all it says or nothing. Expected refusals (no such mailbox, over quota, ...) are
 * {@link MailboxException}s; any other exception means the store failed, which the connector answers with a
 * tagged {@code NO [UNAVAILABLE]}.
 */
public interface ImapStoreListener {

    /**
     * Called after a successful login: creates what a user starts with when missing (INBOX, and Drafts, Sent,
     * Trash, Junk and Archive with their SPECIAL-USE attributes, subscribed).
     */
    void open(String user) throws MailboxException;

    /** All mailboxes of the user, and subscribed names that no longer exist, in no particular order. */
    List<MailboxEntry> list(String user) throws MailboxException;

    /**
     * Creates a mailbox, and any missing parents of it (RFC 9051 section 6.3.4).
     *
     * @param specialUse a SPECIAL-USE attribute such as {@code \Sent} (CREATE-SPECIAL-USE), or null
     */
    void create(String user, String name, String specialUse) throws MailboxException;

    /** Deletes a mailbox and its messages; INBOX cannot be deleted, nor a mailbox that has children. */
    void delete(String user, String name) throws MailboxException;

    /**
     * Renames a mailbox and its children. Renaming INBOX moves its messages to a new mailbox of the new name
     * and leaves INBOX empty (RFC 9051 section 6.3.6).
     */
    void rename(String user, String from, String to) throws MailboxException;

    void subscribe(String user, String name, boolean subscribed) throws MailboxException;

    MailboxStatus status(String user, String name) throws MailboxException;

    /** Opens a mailbox: its identity and the state of every message in it, by ascending UID. */
    MailboxSnapshot select(String user, String name) throws MailboxException;

    /**
     * Claims the {@code \Recent} flag of IMAP4rev1 (RFC 3501 section 2.3.2) for one session: the messages
     * below {@code uidNext} that no session has claimed before become recent in the calling session alone.
     * Atomic across sessions and nodes: of two sessions claiming at once, each message goes to one. Called by
     * read-write IMAP4rev1 sessions only, at SELECT and when they learn of new messages; the claim lasts as
     * long as the session (nothing is stored per message).
     *
     * @param uidNext the UIDNEXT the session knows: it never claims messages it has not been told of
     * @return the first UID claimed: the session's claim is [returned, {@code uidNext}), empty when the
     *         returned UID is not below {@code uidNext}
     */
    long claimRecent(String user, long mailboxId, long uidNext) throws MailboxException;

    /** What changed in a mailbox after {@code sinceModseq}: new and changed messages, and expunged UIDs. */
    MailboxChanges changes(String user, long mailboxId, long sinceModseq) throws MailboxException;

    /**
     * What delivery stored of each message (envelope, body structure, part offsets), without reading its
     * content. UIDs that no longer exist are left out.
     */
    List<MessageDescription> describe(String user, long mailboxId, long[] uids) throws MailboxException;

    /**
     * Up to {@code length} bytes of a message's content from {@code offset}; fewer at its end, none past it.
     *
     * @throws MailboxException {@link MailboxException.Code#EXPUNGEISSUED} when the message is gone
     */
    byte[] read(String user, long mailboxId, long uid, long offset, int length) throws MailboxException;

    /**
     * The header blocks of several messages (octets 0 up to the header size, the blank line included) in one
     * call: what a client's message list asks of a window of UIDs ({@code BODY.PEEK[HEADER.FIELDS (...)]}),
     * which one {@link #read} per message would make a store call each. Messages that no longer exist are left
     * out, and so may be any the store cannot answer this way (a header beyond its first chunk): the caller
     * reads those with {@link #read}.
     */
    Map<Long, byte[]> readHeaders(String user, long mailboxId, long[] uids) throws MailboxException;

    /**
     * Changes flags. With {@code unchangedSince} &gt; 0 (CONDSTORE), messages whose MODSEQ is higher are left
     * alone and reported in {@link StoreResult#modified()}.
     */
    StoreResult store(String user, long mailboxId, long[] uids, FlagChange change, long unchangedSince)
            throws MailboxException;

    /**
     * Copies (or moves) messages to another mailbox of the user, content shared, flags kept; a move expunges
     * the originals in the same transaction.
     *
     * @throws MailboxException {@link MailboxException.Code#TRYCREATE} when the target does not exist
     */
    CopyResult copy(String user, long mailboxId, long[] uids, String target, boolean move) throws MailboxException;

    /**
     * Expunges messages flagged {@code \Deleted}: all of them, or those among {@code uids} (UID EXPUNGE).
     *
     * @return the UIDs expunged, ascending
     */
    long[] expunge(String user, long mailboxId, long[] uids) throws MailboxException;

    /**
     * Appends messages to a mailbox in one transaction (MULTIAPPEND); each content is stored once.
     *
     * @throws MailboxException {@link MailboxException.Code#TRYCREATE} when the mailbox does not exist,
     *                          {@link MailboxException.Code#OVERQUOTA} when it would exceed the user's quota
     */
    AppendResult append(String user, String mailbox, List<AppendItem> messages) throws MailboxException;

    /** The user's quota root (one per user, named {@code ""}). */
    Quota quota(String user) throws MailboxException;
}
