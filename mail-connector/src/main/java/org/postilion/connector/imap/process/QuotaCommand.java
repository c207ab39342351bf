package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.spi.imap.Quota;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * GETQUOTA and GETQUOTAROOT (RFC 9208): one quota root per user, named {@code ""}, with STORAGE in KiB
 * (rounded up) and MESSAGE where the store sets a limit. A user without limits has no quota root: a QUOTA
 * response needs at least one resource (RFC 9208 section 5.1), so GETQUOTAROOT names none and GETQUOTA
 * {@code ""} is {@code NO [NONEXISTENT]}.
 */
final class QuotaCommand implements ImapCommand {

    private final boolean root;

    QuotaCommand(boolean root) {
        this.root = root;
    }

    @Override
    public String name() {
        return root ? "GETQUOTAROOT" : "GETQUOTA";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 1, 1);
        String arg = root ? Args.mailbox(session, request.args().get(0)) : Args.astring(request.args().get(0));
        String user = session.user();
        if (!root && !arg.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(
                    Tagged.no("NONEXISTENT", "No such quota root"));
        }
        // GETQUOTAROOT of a mailbox that does not exist is NO [NONEXISTENT] (RFC 9208 section 4.3)
        CompletionStage<Void> exists = root ? session.store(s -> s.status(user, arg)).thenApply(x -> null)
                : java.util.concurrent.CompletableFuture.completedFuture(null);
        return exists.thenCompose(x -> session.store(s -> s.quota(user))).thenApply(q -> {
            String resources = resources(q);
            if (root) {
                session.untagged("QUOTAROOT " + session.mailboxName(arg) + (resources.isEmpty() ? "" : " \"\""));
            } else if (resources.isEmpty()) {
                return Tagged.no("NONEXISTENT", "No such quota root");
            }
            if (!resources.isEmpty()) {
                session.untagged("QUOTA \"\" (" + resources + ")");
            }
            return Tagged.ok(name() + " completed");
        });
    }

    static String resources(Quota q) {
        StringBuilder sb = new StringBuilder();
        if (q.storageLimit() >= 0) {
            sb.append("STORAGE ").append((q.storageUsed() + 1023) / 1024).append(' ')
                    .append(q.storageLimit() / 1024);
        }
        if (q.messageLimit() >= 0) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append("MESSAGE ").append(q.messagesUsed()).append(' ').append(q.messageLimit());
        }
        return sb.toString();
    }
}
