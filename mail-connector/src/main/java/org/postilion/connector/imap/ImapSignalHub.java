package org.postilion.connector.imap;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Where change signals of the store ({@link org.postilion.connector.spi.imap.MailboxSignals}, fed by the JMS
 * topic on every node) meet the sessions that have a mailbox selected: a signal for a mailbox wakes each of
 * its sessions on that session's event loop, where an IDLE session asks the store what changed. A burst of
 * signals is coalesced by the session (one poll at a time, one more if signals came during it).
 *
 * <p>Never blocks: {@link #accept} is called on the thread that committed the change.
 */
public final class ImapSignalHub implements LongConsumer {

    private final Map<Long, Set<ImapSession>> sessions = new ConcurrentHashMap<>();

    void register(long mailboxId, ImapSession session) {
        sessions.computeIfAbsent(mailboxId, k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void unregister(long mailboxId, ImapSession session) {
        sessions.computeIfPresent(mailboxId, (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    /** A mailbox changed. */
    @Override
    public void accept(long mailboxId) {
        Set<ImapSession> set = sessions.get(mailboxId);
        if (set != null) {
            for (ImapSession s : set) {
                s.executor().execute(s::wake);
            }
        }
    }

    /** Sessions with a mailbox selected (for tests and monitoring). */
    public int size() {
        return sessions.values().stream().mapToInt(Set::size).sum();
    }
}
