package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.spi.imap.MailboxStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * STATUS (RFC 9051 section 6.3.11): MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN, DELETED, SIZE (RFC 8438),
 * HIGHESTMODSEQ (RFC 7162) and RECENT (IMAP4rev1: the messages no session has claimed as {@code \Recent} yet,
 * which the next read-write SELECT will see as recent; 0 in an IMAP4rev2 session, which has no {@code \Recent}).
 */
final class StatusCommand implements ImapCommand {

    private static final Set<String> ITEMS = Set.of("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED",
            "SIZE", "HIGHESTMODSEQ", "RECENT");

    @Override
    public String name() {
        return "STATUS";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 2, 2);
        String name = Args.mailbox(session, request.args().get(0));
        List<String> items = items(Args.list(request.args().get(1), "status items"));
        String user = session.user();
        return session.store(s -> s.status(user, name)).thenApply(st -> {
            session.untagged(response(session, name, st, items));
            return Tagged.ok("STATUS completed");
        });
    }

    static List<String> items(List<ImapArg> list) {
        if (list.isEmpty()) {
            throw new Args.BadArguments("Empty list of status items");
        }
        List<String> items = new ArrayList<>();
        for (ImapArg a : list) {
            String item = Args.upper(Args.atom(a, "a status item"));
            if (!ITEMS.contains(item)) {
                throw new Args.BadArguments("Unknown status item " + item);
            }
            items.add(item);
        }
        return items;
    }

    static String response(ImapSession session, String name, MailboxStatus st, List<String> items) {
        List<String> parts = new ArrayList<>();
        for (String item : items) {
            long v = switch (item) {
                case "MESSAGES" -> st.messages();
                case "UIDNEXT" -> st.uidNext();
                case "UIDVALIDITY" -> st.uidValidity();
                case "UNSEEN" -> st.unseen();
                case "DELETED" -> st.deleted();
                case "SIZE" -> st.size();
                case "HIGHESTMODSEQ" -> st.highestModseq();
                case "RECENT" -> session.rev2() ? 0 : st.recent();
                default -> 0;
            };
            parts.add(item + " " + v);
        }
        return "STATUS " + session.mailboxName(name) + " (" + String.join(" ", parts) + ")";
    }
}
