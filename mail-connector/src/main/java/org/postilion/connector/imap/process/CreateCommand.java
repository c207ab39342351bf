package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * CREATE (RFC 9051 section 6.3.4), with {@code (USE (\Sent))} (CREATE-SPECIAL-USE, RFC 6154 section 3). A
 * trailing separator is dropped, as the RFC says; INBOX exists already.
 */
final class CreateCommand implements ImapCommand {

    private static final Set<String> SPECIAL_USES = Set.of("\\All", "\\Archive", "\\Drafts", "\\Flagged",
            "\\Junk", "\\Sent", "\\Trash");

    @Override
    public String name() {
        return "CREATE";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 1, 2);
        String name = Args.mailbox(session, request.args().get(0));
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.contains("//") || name.startsWith("/")) {
            throw new Args.BadArguments("Invalid mailbox name");
        }
        String specialUse = null;
        if (request.args().size() == 2) {
            List<ImapArg> params = Args.list(request.args().get(1), "CREATE parameters");
            if (params.size() != 2 || !Args.isAtom(params.get(0), "USE")) {
                throw new Args.BadArguments("Unknown CREATE parameter");
            }
            List<ImapArg> uses = Args.list(params.get(1), "special uses");
            if (uses.size() > 1) {
                return CompletableFuture.completedFuture(Tagged.no("USEATTR", "One special use per mailbox"));
            }
            if (uses.size() == 1) {
                String use = Args.atom(uses.get(0), "a special use");
                specialUse = SPECIAL_USES.stream().filter(u -> u.equalsIgnoreCase(use)).findFirst().orElse(null);
                if (specialUse == null) {
                    return CompletableFuture.completedFuture(Tagged.no("USEATTR", "Unsupported special use " + use));
                }
            }
        }
        if (name.equals("INBOX")) {
            return CompletableFuture.completedFuture(Tagged.no("ALREADYEXISTS", "INBOX exists"));
        }
        String user = session.user();
        String target = name;
        String use = specialUse;
        return session.store(s -> {
            s.create(user, target, use);
            return null;
        }).thenApply(x -> Tagged.ok("CREATE completed"));
    }
}
