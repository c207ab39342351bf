package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.encode.ModifiedUtf7;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.spi.imap.MailboxEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * LIST (RFC 9051 section 6.3.9) with LIST-EXTENDED (RFC 5258): selection options SUBSCRIBED, REMOTE,
 * RECURSIVEMATCH (with CHILDINFO) and SPECIAL-USE (RFC 6154), return options SUBSCRIBED, CHILDREN, SPECIAL-USE and STATUS
 * (LIST-STATUS, RFC 5819), several patterns; and LSUB (RFC 3501 section 6.3.9). {@code *} matches any
 * characters, {@code %} any but the separator {@code /}. Attributes: {@code \HasChildren}/{@code \HasNoChildren}
 * always (CHILDREN), special-use attributes always (as Dovecot does), {@code \NonExistent} (with
 * {@code \Noselect}) for a parent that does not exist or a subscription whose mailbox is gone.
 *
 * <p>LIMITS: at most 100 patterns.
 */
final class ListCommand implements ImapCommand {

    private final boolean lsub;

    ListCommand(String name) {
        this.lsub = name.equals("LSUB");
    }

    @Override
    public String name() {
        return lsub ? "LSUB" : "LIST";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    /** What one LIST asks for. */
    private record Options(boolean subscribedOnly, boolean specialUseOnly, boolean returnSubscribed,
                           boolean recursiveMatch, List<String> statusItems) {
    }

    /** @param childInfo the name is listed only because a child is subscribed (RECURSIVEMATCH, LSUB's %) */
    private record Node(String name, MailboxEntry entry, boolean hasChildren, boolean childInfo) {
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        List<ImapArg> args = request.args();
        int i = 0;
        boolean subscribedOnly = lsub;
        boolean specialUseOnly = false;
        boolean returnSubscribed = false;
        boolean recursiveMatch = false;
        List<String> statusItems = null;
        if (!lsub && !args.isEmpty() && Args.isList(args.get(0))) {
            for (ImapArg opt : Args.list(args.get(0), "selection options")) {
                switch (Args.upper(Args.atom(opt, "a selection option"))) {
                    case "SUBSCRIBED" -> {
                        subscribedOnly = true;
                        returnSubscribed = true;
                    }
                    case "SPECIAL-USE" -> specialUseOnly = true;
                    case "RECURSIVEMATCH" -> recursiveMatch = true;
                    case "REMOTE" -> {
                        // there are no remote mailboxes
                    }
                    default -> throw new Args.BadArguments("Unknown LIST selection option");
                }
            }
            if (recursiveMatch && !subscribedOnly) {
                // RFC 5258 section 3.1: RECURSIVEMATCH alone is an error
                throw new Args.BadArguments("RECURSIVEMATCH needs another selection option");
            }
            i++;
        }
        if (args.size() < i + 2) {
            throw new Args.BadArguments("Missing arguments");
        }
        String reference = Args.mailbox(session, args.get(i));
        List<String> patterns = new ArrayList<>();
        ImapArg p = args.get(i + 1);
        if (!lsub && Args.isList(p)) {
            for (ImapArg x : Args.list(p, "patterns")) {
                patterns.add(pattern(session, x));
            }
            if (patterns.isEmpty() || patterns.size() > 100) {
                throw new Args.BadArguments("One to 100 patterns");
            }
        } else {
            patterns.add(pattern(session, p));
        }
        i += 2;
        if (i < args.size()) {
            if (lsub || !Args.isAtom(args.get(i), "RETURN") || i + 2 != args.size()) {
                throw new Args.BadArguments("Unexpected arguments");
            }
            List<ImapArg> returns = Args.list(args.get(i + 1), "return options");
            for (int k = 0; k < returns.size(); k++) {
                switch (Args.upper(Args.atom(returns.get(k), "a return option"))) {
                    case "SUBSCRIBED" -> returnSubscribed = true;
                    case "CHILDREN", "SPECIAL-USE" -> {
                        // always returned
                    }
                    case "STATUS" -> {
                        if (k + 1 >= returns.size()) {
                            throw new Args.BadArguments("STATUS needs a list of items");
                        }
                        statusItems = StatusCommand.items(Args.list(returns.get(++k), "status items"));
                    }
                    default -> throw new Args.BadArguments("Unknown LIST return option");
                }
            }
        } else if (i != args.size()) {
            throw new Args.BadArguments("Unexpected arguments");
        }
        Options options = new Options(subscribedOnly, specialUseOnly, returnSubscribed, recursiveMatch || lsub,
                statusItems);
        if (patterns.size() == 1 && patterns.get(0).isEmpty() && !lsub) {
            session.untagged("LIST (\\Noselect) \"/\" \"\"");
            return CompletableFuture.completedFuture(Tagged.ok("LIST completed"));
        }
        String user = session.user();
        return session.store(s -> s.list(user)).thenCompose(entries -> {
            List<Node> matched = match(entries, reference, patterns, options);
            CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
            for (Node n : matched) {
                chain = chain.thenCompose(x -> {
                    session.untagged(line(session, n, options));
                    if (options.statusItems() == null || n.entry() == null || !n.entry().exists()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return session.store(s -> s.status(user, n.name())).handle((st, e) -> {
                        if (st != null) {
                            session.untagged(StatusCommand.response(session, n.name(), st, options.statusItems()));
                        }
                        return null;
                    });
                });
            }
            return chain.thenApply(x -> Tagged.ok(name() + " completed"));
        });
    }

    private static String pattern(ImapSession session, ImapArg arg) {
        String wire = Args.astring(arg);
        if (session.utf8()) {
            return wire;
        }
        try {
            return ModifiedUtf7.decode(wire);
        } catch (IllegalArgumentException e) {
            throw new Args.BadArguments("Invalid mailbox pattern: " + e.getMessage());
        }
    }

    private List<Node> match(List<MailboxEntry> entries, String reference, List<String> patterns, Options options) {
        Map<String, MailboxEntry> byName = new TreeMap<>();
        for (MailboxEntry e : entries) {
            byName.put(e.name(), e);
        }
        // parents that do not exist themselves, so that % can show the hierarchy
        Map<String, MailboxEntry> all = new TreeMap<>(byName);
        for (String name : byName.keySet()) {
            int slash = name.indexOf('/');
            while (slash > 0) {
                all.putIfAbsent(name.substring(0, slash), null);
                slash = name.indexOf('/', slash + 1);
            }
        }
        List<Pattern> regexes = new ArrayList<>();
        for (String pattern : patterns) {
            regexes.add(regex(Args.canonicalInbox(reference + pattern)));
        }
        List<Node> nodes = new ArrayList<>();
        for (Map.Entry<String, MailboxEntry> e : all.entrySet()) {
            String name = e.getKey();
            MailboxEntry entry = e.getValue();
            if (regexes.stream().noneMatch(r -> r.matcher(name).matches())) {
                continue;
            }
            String prefix = name + "/";
            boolean subscribed = entry != null && entry.subscribed();
            // RECURSIVEMATCH (RFC 5258 section 3.5) and LSUB with % (RFC 3501 section 6.3.9): a subscribed
            // descendant that the patterns do not show is reported through its ancestor
            boolean childInfo = options.subscribedOnly() && options.recursiveMatch()
                    && hiddenSubscribedBelow(regexes, all, prefix);
            if (options.subscribedOnly() && !subscribed && !childInfo) {
                continue;
            }
            if (options.specialUseOnly() && (entry == null || entry.specialUse() == null)) {
                continue;
            }
            if (!options.subscribedOnly() && entry != null && !entry.exists()) {
                continue;
            }
            boolean children = all.keySet().stream().anyMatch(n -> n.startsWith(prefix)
                    && (all.get(n) == null || all.get(n).exists()));
            nodes.add(new Node(name, entry, children, childInfo));
        }
        return nodes;
    }

    private String line(ImapSession session, Node n, Options options) {
        List<String> attrs = new ArrayList<>();
        MailboxEntry e = n.entry();
        if (lsub && n.childInfo() && (e == null || !e.subscribed())) {
            attrs.add("\\Noselect");
        } else if (e == null || !e.exists()) {
            attrs.add(lsub ? "\\Noselect" : "\\NonExistent");
            if (!lsub && !session.rev2()) {
                attrs.add("\\Noselect");
            }
        }
        if (!lsub) {
            attrs.add(n.hasChildren() ? "\\HasChildren" : "\\HasNoChildren");
        }
        if (e != null && e.specialUse() != null) {
            attrs.add(e.specialUse());
        }
        if (!lsub && options.returnSubscribed() && e != null && e.subscribed()) {
            attrs.add("\\Subscribed");
        }
        String line = name() + " (" + String.join(" ", attrs) + ") \"/\" " + session.mailboxName(n.name());
        return !lsub && n.childInfo() ? line + " (\"CHILDINFO\" (\"SUBSCRIBED\"))" : line;
    }

    /** Whether a subscribed mailbox below {@code prefix} is one the patterns do not match. */
    private static boolean hiddenSubscribedBelow(List<Pattern> regexes, Map<String, MailboxEntry> all, String prefix) {
        return all.entrySet().stream().anyMatch(x -> x.getKey().startsWith(prefix) && x.getValue() != null
                && x.getValue().subscribed() && regexes.stream().noneMatch(r -> r.matcher(x.getKey()).matches()));
    }

    /** A LIST pattern as a regex: {@code *} any characters, {@code %} any but {@code /}. */
    static Pattern regex(String pattern) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                sb.append(".*");
            } else if (c == '%') {
                sb.append("[^/]*");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString(), Pattern.DOTALL);
    }
}
